package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.mapweb.NgsiLdFixtures.PUBLIC_ACTIVE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Reading;
import org.kawamori.core.SensorState;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * The NGSI-LD view over a real server and HTTP client with in-memory ports ({@link NgsiLdFixtures}); every
 * entity it serves is checked against the Smart Data Models' own JSON Schemas, offline ({@link
 * SmartDataModels}).
 */
class NgsiLdEndpointTest {

    static final String ENTITIES = "/ngsi-ld/v1/entities";
    static final String CONTEXT_LINK =
            "<https://smartdatamodels.org/context.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";

    static TestServer web;

    @BeforeAll
    static void start() {
        web = TestServer.start(NgsiLdFixtures.server());
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static HttpResponse<String> get(String pathAndQuery, String accept) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(web.uri(pathAndQuery)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return web.send(request);
    }

    /** All entities of a type in keyValues form (one page large enough for the fixtures). */
    static JsonNode keyValues(String type) {
        return ok(web.get(ENTITIES + "?type=" + type + "&options=keyValues&limit=1000"));
    }

    static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response);
    }

    static JsonNode byId(JsonNode list, String id) {
        for (JsonNode e : list) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no entity " + id + " in " + list);
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    /** Every entity is valid by its Smart Data Model and has no attribute the model does not define. */
    static void assertEachMatchesItsSmartDataModel(JsonNode list) {
        assertThat(list.size()).isPositive();
        for (JsonNode entity : list) {
            assertThat(SmartDataModels.problems(entity)).as(entity.toString()).isEmpty();
            assertThat(SmartDataModels.undefinedAttributes(entity))
                    .as(entity.toString())
                    .isEmpty();
        }
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestServer.contentType(response)).startsWith("application/json");
        JsonNode problem = TestServer.json(response);
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    /** A normalized entity taken back to keyValues: each attribute's value or object. */
    static JsonNode simplified(JsonNode normalized) {
        ObjectNode out = TestServer.JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = normalized.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (!v.isObject()) {
                out.set(f.getKey(), v);
            } else if (v.has("object")) {
                out.set(f.getKey(), v.get("object"));
            } else if (v.path("value").has("@value")) {
                out.set(f.getKey(), v.path("value").get("@value"));
            } else {
                out.set(f.getKey(), v.get("value"));
            }
        }
        return out;
    }

    // --- the four types, as the Smart Data Models define them --------------------------------------------

    @Test
    void serves_each_river_gauge_that_reported_as_a_water_observed_its_schema_accepts() {
        JsonNode list = keyValues("WaterObserved");

        assertEachMatchesItsSmartDataModel(list);
        assertThat(ids(list))
                .containsExactly(
                        "urn:ngsi-ld:WaterObserved:harima-mouth",
                        "urn:ngsi-ld:WaterObserved:kunikane",
                        "urn:ngsi-ld:WaterObserved:takasago-1",
                        "urn:ngsi-ld:WaterObserved:kasai-trial-1");
        JsonNode kunikane = byId(list, "urn:ngsi-ld:WaterObserved:kunikane");
        assertThat(kunikane.path("type").asText()).isEqualTo("WaterObserved");
        assertThat(kunikane.path("waterLevel").asDouble()).isEqualTo(2.65);
        assertThat(kunikane.path("dateObserved").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(kunikane.path("name").asText()).isEqualTo("国包");
        assertThat(kunikane.path("location").path("type").asText()).isEqualTo("Point");
        assertThat(kunikane.path("location").path("coordinates").get(0).asDouble())
                .isEqualTo(134.8466);
        assertThat(kunikane.path("location").path("coordinates").get(1).asDouble())
                .isEqualTo(34.7868);
        assertThat(kunikane.path("address").path("addressLocality").asText()).isEqualTo("加古川市");
        assertThat(kunikane.path("address").path("addressRegion").asText()).isEqualTo("兵庫県");
        assertThat(kunikane.path("municipality").asText()).isEqualTo("282103");
        assertThat(kunikane.path("refDevice").asText()).isEqualTo("urn:ngsi-ld:Device:kunikane");
        assertThat(kunikane.path("experimental").asBoolean()).isFalse();
        assertThat(kunikane.has("description")).isFalse();
    }

    @Test
    void leaves_a_level_below_the_gauge_datum_out_of_water_level_and_keeps_it_as_the_flood_monitoring_level() {
        JsonNode observed = byId(keyValues("WaterObserved"), "urn:ngsi-ld:WaterObserved:harima-mouth");
        JsonNode monitored = byId(keyValues("FloodMonitoring"), "urn:ngsi-ld:FloodMonitoring:harima-mouth");

        assertThat(observed.has("waterLevel")).isFalse();
        assertThat(observed.path("dateObserved").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(monitored.path("currentLevel").asDouble()).isEqualTo(-0.35);
    }

    @Test
    void serves_every_enabled_sensor_as_flood_monitoring_with_the_state_the_public_map_shows() {
        JsonNode list = keyValues("FloodMonitoring");

        assertEachMatchesItsSmartDataModel(list);
        Map<String, String> status = new TreeMap<>();
        list.forEach(e -> status.put(
                e.path("stationID").asText(), e.path("floodLevelStatus").asText()));
        assertThat(status)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "kunikane", "caution",
                        "ichiba", "danger",
                        "harima-mouth", "normal",
                        "takasago-1", "missing",
                        "ono-underpass-1", "missing",
                        "kasai-trial-1", "flooding"));
        JsonNode kunikane = byId(list, "urn:ngsi-ld:FloodMonitoring:kunikane");
        assertThat(kunikane.path("currentLevel").asDouble()).isEqualTo(2.65);
        assertThat(kunikane.path("observationDateTime").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(kunikane.path("alertLevel").asDouble()).isEqualTo(2.60);
        assertThat(kunikane.path("dangerLevel").asDouble()).isEqualTo(4.00);
        JsonNode ichiba = byId(list, "urn:ngsi-ld:FloodMonitoring:ichiba");
        assertThat(ichiba.path("currentLevel").asDouble()).isEqualTo(0.22);
        assertThat(ichiba.has("alertLevel")).isFalse();
        JsonNode silent = byId(list, "urn:ngsi-ld:FloodMonitoring:ono-underpass-1");
        assertThat(silent.has("currentLevel")).isFalse();
        assertThat(silent.has("observationDateTime")).isFalse();
    }

    @Test
    void serves_every_enabled_sensor_as_a_device_with_what_it_measures_and_no_secret_or_battery() {
        HttpResponse<String> response = web.get(ENTITIES + "?type=Device&options=keyValues");
        JsonNode list = ok(response);

        assertEachMatchesItsSmartDataModel(list);
        assertThat(list).hasSize(6);
        JsonNode gauge = byId(list, "urn:ngsi-ld:Device:kunikane");
        assertThat(gauge.path("deviceCategory").toString()).isEqualTo("[\"sensor\"]");
        assertThat(gauge.path("controlledProperty").toString()).isEqualTo("[\"waterLevel\"]");
        assertThat(gauge.path("dateLastValueReported").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(gauge.path("deviceState").asText()).isEqualTo("ok");
        JsonNode inundation = byId(list, "urn:ngsi-ld:Device:ichiba");
        assertThat(inundation.path("controlledProperty").toString()).isEqualTo("[\"depth\"]");
        assertThat(byId(list, "urn:ngsi-ld:Device:takasago-1")
                        .path("deviceState")
                        .asText())
                .isEqualTo("missing");
        assertThat(byId(list, "urn:ngsi-ld:Device:ono-underpass-1").has("dateLastValueReported"))
                .isFalse();
        assertThat(response.body()).doesNotContain("secret", "psk", "battery", "81");
    }

    @Test
    void serves_the_active_public_flood_alerts_as_alerts_with_category_severity_validity_and_place() {
        JsonNode list = keyValues("Alert");

        assertEachMatchesItsSmartDataModel(list);
        assertThat(ids(list))
                .containsExactlyElementsOf(PUBLIC_ACTIVE.stream()
                        .map(id -> "urn:ngsi-ld:Alert:" + id)
                        .toList());
        JsonNode stage = byId(list, "urn:ngsi-ld:Alert:1");
        assertThat(stage.path("category").asText()).isEqualTo("naturalDisaster");
        assertThat(stage.path("subCategory").asText()).isEqualTo("floodRisk");
        assertThat(stage.path("severity").asText()).isEqualTo("medium");
        assertThat(stage.path("dateIssued").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(stage.path("validFrom").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(stage.has("validTo")).isFalse();
        assertThat(stage.path("dateModified").asText()).isEqualTo("2026-07-01T03:01:40Z");
        assertThat(stage.path("alertSource").asText()).isEqualTo("urn:ngsi-ld:Device:kunikane");
        assertThat(stage.path("location").path("coordinates").get(0).asDouble()).isEqualTo(134.8466);
        assertThat(stage.path("description").asText())
                .isEqualTo("国包: 氾濫注意水位（2.65 m） / stage 2 flood warning level (2.65 m)");
        assertThat(stage.path("data").path("rule").asText()).isEqualTo("river-stage");
        assertThat(stage.path("data").path("state").asText()).isEqualTo("acknowledged");
        assertThat(stage.path("data").path("level").asInt()).isEqualTo(2);
        assertThat(stage.path("data").path("facts").path("threshold-m").asText())
                .isEqualTo("2.60");
        JsonNode flooded = byId(list, "urn:ngsi-ld:Alert:2");
        assertThat(flooded.path("subCategory").asText()).isEqualTo("flood");
        assertThat(flooded.path("severity").asText()).isEqualTo("high");
        assertThat(flooded.path("description").asText()).isEqualTo("市場 アンダーパス: 浸水 0.22 m / inundated 0.22 m");
        JsonNode missing = byId(list, "urn:ngsi-ld:Alert:3");
        assertThat(missing.has("subCategory")).isFalse();
        assertThat(missing.path("severity").asText()).isEqualTo("medium");
        assertThat(missing.path("municipality").asText()).isEqualTo(AlertFixtures.TAKASAGO);
        assertThat(missing.path("description").asText()).startsWith("高砂: 欠測（最終受信 2026-07-01T01:00:00Z）");
        JsonNode overflowing = byId(list, "urn:ngsi-ld:Alert:13");
        assertThat(overflowing.path("subCategory").asText()).isEqualTo("flood");
        assertThat(overflowing.path("severity").asText()).isEqualTo("critical");
    }

    // --- public data only -------------------------------------------------------------------------------

    @Test
    void never_serves_a_tag_alert_an_officers_alert_an_unknown_rule_or_a_personal_fact_even_to_a_token_holder() {
        for (String token : new String[] {null, TestAuth.TOKEN}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(web.uri(ENTITIES + "?type=Alert&limit=1000"))
                    .GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = web.send(request);

            assertThat(ids(ok(response))).hasSize(PUBLIC_ACTIVE.size());
            AlertsEndpointTest.assertNoPersonalOrEngineData(response.body());
        }
        for (long hidden : new long[] {4, 5, 6, 7, 8, 9, 10, 11, 14}) {
            HttpResponse<String> response = web.get(ENTITIES + "/urn:ngsi-ld:Alert:" + hidden, TestAuth.TOKEN);

            assertProblem(response, 404, "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");
            assertThat(response.body()).doesNotContain("tag-secret", "family-");
        }
        for (String type : new String[] {"WaterObserved", "FloodMonitoring", "Device"}) {
            String body = web.get(ENTITIES + "?type=" + type + "&limit=1000").body();
            AlertsEndpointTest.assertNoPersonalOrEngineData(body);
        }
    }

    @Test
    void marks_an_experimental_sensor_as_the_public_map_does_and_lists_the_sensors_the_map_lists() {
        JsonNode map = ok(web.get("/api/v1/sensors")).path("features");
        Map<String, Boolean> onTheMap = new TreeMap<>();
        map.forEach(f -> onTheMap.put(
                f.path("id").asText(), f.path("properties").path("experimental").asBoolean()));

        for (String type : new String[] {"FloodMonitoring", "Device"}) {
            Map<String, Boolean> served = new TreeMap<>();
            keyValues(type)
                    .forEach(e -> served.put(
                            e.path("id").asText().replace("urn:ngsi-ld:" + type + ":", ""),
                            e.path("experimental").asBoolean()));
            assertThat(served).as(type).isEqualTo(onTheMap);
        }
        JsonNode trial = byId(keyValues("WaterObserved"), "urn:ngsi-ld:WaterObserved:kasai-trial-1");
        assertThat(trial.path("experimental").asBoolean()).isTrue();
        assertThat(trial.path("description").asText()).contains("試験運用中", "Experimental sensor");
        JsonNode underpass = byId(keyValues("Device"), "urn:ngsi-ld:Device:ono-underpass-1");
        assertThat(underpass.path("description").asText()).contains("試験運用中");
        assertThat(underpass.path("name").asText()).isEqualTo("<b>高架下</b> \"1\"");
        JsonNode alert = byId(keyValues("Alert"), "urn:ngsi-ld:Alert:13");
        assertThat(alert.path("experimental").asBoolean()).isTrue();
        assertThat(alert.path("description").asText()).contains("試験運用中");
    }

    @Test
    void leaves_a_disabled_sensor_out_as_the_public_map_does() {
        for (String type : new String[] {"WaterObserved", "FloodMonitoring", "Device"}) {
            assertThat(web.get(ENTITIES + "?type=" + type + "&limit=1000").body())
                    .as(type)
                    .doesNotContain("retired");
            assertProblem(
                    web.get(ENTITIES + "/urn:ngsi-ld:" + type + ":retired"),
                    404,
                    "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");
        }
    }

    // --- one entity --------------------------------------------------------------------------------------

    @Test
    void answers_one_entity_by_its_urn_and_a_cleared_alert_with_the_end_of_its_validity() {
        for (String id : new String[] {
            "urn:ngsi-ld:WaterObserved:kunikane",
            "urn:ngsi-ld:FloodMonitoring:ichiba",
            "urn:ngsi-ld:Device:ono-underpass-1",
            "urn:ngsi-ld:Alert:2"
        }) {
            JsonNode entity = ok(web.get(ENTITIES + "/" + id + "?options=keyValues"));

            assertThat(entity.path("id").asText()).isEqualTo(id);
            assertThat(SmartDataModels.problems(entity)).as(id).isEmpty();
        }
        JsonNode cleared = ok(web.get(ENTITIES + "/urn:ngsi-ld:Alert:12?options=keyValues"));
        assertThat(SmartDataModels.problems(cleared)).isEmpty();
        assertThat(cleared.path("validTo").asText()).isEqualTo("2026-07-01T03:15:00Z");
        assertThat(cleared.path("data").path("state").asText()).isEqualTo("cleared");
        assertThat(cleared.path("description").asText()).contains("解除");
        // a colon sent percent-encoded names the same entity
        assertThat(ok(web.get(ENTITIES + "/urn%3Angsi-ld%3ADevice%3Akunikane?options=keyValues"))
                        .path("id")
                        .asText())
                .isEqualTo("urn:ngsi-ld:Device:kunikane");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "urn:ngsi-ld:WaterObserved:no-such-gauge",
                "urn:ngsi-ld:WaterObserved:ichiba",
                "urn:ngsi-ld:WaterObserved:ono-underpass-1",
                "urn:ngsi-ld:Device:bad%20id",
                "urn:ngsi-ld:Alert:999",
                "urn:ngsi-ld:Alert:not-a-number",
                "urn:ngsi-ld:Vehicle:kunikane",
                "urn:example:kunikane"
            })
    void answers_404_problem_details_for_an_id_it_does_not_serve(String id) {
        assertProblem(web.get(ENTITIES + "/" + id), 404, "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");
    }

    // --- the query ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "?type=Vehicle",
                "?type=WaterObserved,Vehicle",
                "",
                "?type=",
                "?type=Device&limit=1001",
                "?type=Device&limit=-1",
                "?type=Device&limit=0",
                "?type=Device&offset=x",
                "?type=Device&count=maybe",
                "?type=Device&options=concise",
                "?type=Device&options=keyValues,normalized",
                "?type=Device&q=deviceState==%22ok%22",
                "?type=Device&georel=near;maxDistance==1000&geometry=Point&coordinates=[134.8,34.7]",
                "?type=Device&attrs=name"
            })
    void answers_400_problem_details_for_an_unknown_or_missing_type_or_a_query_it_does_not_evaluate(String query) {
        assertProblem(web.get(ENTITIES + query), 400, "https://uri.etsi.org/ngsi-ld/errors/BadRequestData");
    }

    @Test
    void gives_the_context_in_a_link_header_for_json_and_in_the_body_for_json_ld() {
        for (String accept : new String[] {null, "application/json", "*/*", "application/json, application/ld+json"}) {
            HttpResponse<String> json = get(ENTITIES + "?type=Device&options=keyValues", accept);

            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(TestServer.contentType(json)).as(accept).startsWith("application/json");
            assertThat(json.headers().firstValue("Link")).as(accept).hasValue(CONTEXT_LINK);
            assertThat(TestServer.json(json).get(0).has("@context")).isFalse();
        }
        HttpResponse<String> ld = get(ENTITIES + "?type=Device&options=keyValues", "application/ld+json");
        assertThat(TestServer.contentType(ld)).startsWith("application/ld+json");
        assertThat(ld.headers().firstValue("Link")).isEmpty();
        JsonNode first = TestServer.json(ld).get(0);
        assertThat(first.path("@context").toString())
                .isEqualTo("[\"https://smartdatamodels.org/context.jsonld\","
                        + "\"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld\"]");
        assertThat(SmartDataModels.problems(first)).isEmpty();
        HttpResponse<String> one = get(ENTITIES + "/urn:ngsi-ld:Device:kunikane", "application/ld+json");
        assertThat(TestServer.json(one).has("@context")).isTrue();

        assertProblem(get(ENTITIES + "?type=Device", "text/html"), 406, "about:blank");
    }

    @Test
    void pages_with_limit_and_offset_and_counts_with_count_true() {
        List<String> all = ids(keyValues("FloodMonitoring"));
        List<String> walked = new ArrayList<>();
        for (int offset = 0; offset < all.size(); offset += 4) {
            HttpResponse<String> page =
                    web.get(ENTITIES + "?type=FloodMonitoring&options=keyValues&count=true&limit=4&offset=" + offset);
            walked.addAll(ids(ok(page)));
            assertThat(page.headers().firstValue("NGSILD-Results-Count")).hasValue(Integer.toString(all.size()));
            String link = String.join(", ", page.headers().allValues("Link"));
            assertThat(link.contains("rel=\"next\"")).as(link).isEqualTo(offset + 4 < all.size());
            if (offset + 4 < all.size()) {
                assertThat(link).contains("limit=4&offset=" + (offset + 4));
            }
        }
        assertThat(walked).isEqualTo(all);
        assertThat(ok(web.get(ENTITIES + "?type=FloodMonitoring&offset=100"))).isEmpty();
        HttpResponse<String> countOnly = web.get(ENTITIES + "?type=Alert&count=true&limit=0");
        assertThat(ok(countOnly)).isEmpty();
        assertThat(countOnly.headers().firstValue("NGSILD-Results-Count"))
                .hasValue(Integer.toString(PUBLIC_ACTIVE.size()));
        assertThat(ok(web.get(ENTITIES + "?type=Device"))).hasSize(6);
        assertThat(ok(web.get(ENTITIES + "?type=WaterObserved,Alert&limit=1000")))
                .hasSize(4 + PUBLIC_ACTIVE.size());
    }

    @Test
    void answers_the_normalized_form_by_default_whose_values_are_the_key_values_entity() {
        JsonNode normalized = ok(web.get(ENTITIES + "/urn:ngsi-ld:WaterObserved:kunikane"));
        JsonNode keyValues = ok(web.get(ENTITIES + "/urn:ngsi-ld:WaterObserved:kunikane?options=keyValues"));

        assertThat(normalized.path("id").asText()).isEqualTo("urn:ngsi-ld:WaterObserved:kunikane");
        assertThat(normalized.path("waterLevel").path("type").asText()).isEqualTo("Property");
        assertThat(normalized.path("waterLevel").path("value").asDouble()).isEqualTo(2.65);
        assertThat(normalized.path("waterLevel").path("unitCode").asText()).isEqualTo("MTR");
        assertThat(normalized.path("waterLevel").path("observedAt").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(normalized.path("location").path("type").asText()).isEqualTo("GeoProperty");
        assertThat(normalized.path("refDevice").path("type").asText()).isEqualTo("Relationship");
        assertThat(normalized.path("refDevice").path("object").asText()).isEqualTo("urn:ngsi-ld:Device:kunikane");
        assertThat(normalized.path("dateObserved").path("value").path("@type").asText())
                .isEqualTo("DateTime");
        assertThat(simplified(normalized)).isEqualTo(keyValues);
        for (String type : SmartDataModels.SCHEMAS.keySet()) {
            for (JsonNode entity : ok(web.get(ENTITIES + "?type=" + type + "&limit=1000"))) {
                assertThat(SmartDataModels.problems(simplified(entity)))
                        .as(entity.toString())
                        .isEmpty();
            }
        }
        assertThat(ok(web.get(ENTITIES + "/urn:ngsi-ld:WaterObserved:kunikane?format=simplified")))
                .isEqualTo(keyValues);
    }

    @Test
    void is_read_only() {
        for (String method : new String[] {"POST", "PATCH", "DELETE", "PUT"}) {
            HttpResponse<String> response = web.send(method, ENTITIES + "/urn:ngsi-ld:Device:kunikane", null, "{}");

            assertProblem(response, 405, "about:blank");
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        }
        assertProblem(web.send("POST", ENTITIES, null, "{}"), 405, "about:blank");
        assertProblem(
                web.get("/ngsi-ld/v1/subscriptions"), 404, "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");
    }

    // --- the validator bites -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "WaterObserved:waterLevel=-1",
                "WaterObserved:dateObserved=\"yesterday\"",
                "WaterObserved:-dateObserved",
                "WaterObserved:location={\"type\":\"Point\"}",
                "WaterObserved:type=\"WaterObservation\"",
                "FloodMonitoring:currentLevel=\"2.65 m\"",
                "Device:controlledProperty=[\"riverLevel\"]",
                "Device:deviceCategory=\"sensor\"",
                "Device:-controlledProperty",
                "Alert:severity=\"severe\"",
                "Alert:category=\"flood\"",
                "Alert:subCategory=\"inundation\"",
                "Alert:-alertSource",
                "Alert:validTo=\"2026-07-01 12:00\""
            })
    void the_schema_check_rejects_a_deliberately_broken_entity(String breakage) throws Exception {
        String type = breakage.substring(0, breakage.indexOf(':'));
        String change = breakage.substring(breakage.indexOf(':') + 1);
        ObjectNode entity = (ObjectNode) keyValues(type).get(0).deepCopy();
        assertThat(SmartDataModels.problems(entity, type))
                .as("before breaking it")
                .isEmpty();

        if (change.startsWith("-")) {
            entity.remove(change.substring(1));
        } else {
            int equals = change.indexOf('=');
            entity.set(change.substring(0, equals), TestServer.JSON.readTree(change.substring(equals + 1)));
        }

        assertThat(SmartDataModels.problems(entity, type)).as(breakage).isNotEmpty();
    }

    @Test
    void the_attribute_check_finds_a_misspelt_attribute_that_the_schema_alone_lets_through() {
        ObjectNode entity = (ObjectNode) keyValues("WaterObserved").get(1).deepCopy();
        entity.put("waterlevel", entity.remove("waterLevel").asDouble());

        assertThat(SmartDataModels.problems(entity)).isEmpty();
        assertThat(SmartDataModels.undefinedAttributes(entity)).containsExactly("waterlevel");
    }

    @Test
    void the_schema_check_reads_only_the_local_copies_and_a_model_without_one_fails_instead_of_being_fetched() {
        assertThat(SmartDataModels.definedAttributes("Device"))
                .contains("controlledProperty", "deviceCategory", "location", "name", "dateLastValueReported");
        assertThatThrownBy(() -> SmartDataModels.load(
                                SmartDataModels.REMOTE + "dataModel.Parking/OffStreetParking/schema.json")
                        .validate(TestServer.JSON.createObjectNode()))
                .rootCause()
                .hasMessageContaining("classpath:smart-data-models/dataModel.Parking/OffStreetParking/schema.json");
    }

    // --- off and down ------------------------------------------------------------------------------------

    @Test
    void answers_404_problem_details_when_the_view_is_not_configured() {
        InMemoryAlerts alerts = NgsiLdFixtures.alerts();
        var registry = NgsiLdFixtures.registry();
        try (TestServer plain = TestServer.start(
                new MapWebServer(WebConfig.onPort(0), registry, NgsiLdFixtures.readings(registry), List.of())
                        .withAlerts(alerts, alerts, TestAuth.AUTH))) {
            HttpResponse<String> response = plain.get(ENTITIES + "?type=Device");

            assertProblem(response, 404, "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound");
            assertThat(TestServer.json(response).path("detail").asText()).contains("withStandardView");
        }
    }

    @Test
    void answers_503_problem_details_when_the_store_is_unavailable() {
        ReadingQueries down = new ReadingQueries() {
            @Override
            public List<SensorState> latestStates() {
                throw new StoreUnavailableException("database down", null);
            }

            @Override
            public List<Reading> readings(DeviceId device, Instant from, Instant to, int limit) {
                throw new StoreUnavailableException("database down", null);
            }
        };
        InMemoryAlerts alerts = NgsiLdFixtures.alerts();
        try (TestServer broken =
                TestServer.start(new MapWebServer(WebConfig.onPort(0), NgsiLdFixtures.registry(), down, List.of())
                        .withStandardView(alerts))) {
            assertProblem(broken.get(ENTITIES + "?type=WaterObserved"), 503, "about:blank");
            assertProblem(broken.get(ENTITIES + "/urn:ngsi-ld:Device:kunikane"), 503, "about:blank");
            assertThat(ok(broken.get(ENTITIES + "?type=Alert"))).hasSize(PUBLIC_ACTIVE.size());
        }
    }
}
