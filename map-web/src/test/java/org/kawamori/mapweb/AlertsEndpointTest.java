package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;
import static org.kawamori.mapweb.AlertFixtures.KAKOGAWA;
import static org.kawamori.mapweb.AlertFixtures.T;
import static org.kawamori.mapweb.AlertFixtures.TAKASAGO;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;
import static org.kawamori.mapweb.TestAuth.TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.Alert;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

class AlertsEndpointTest {

    static TestServer web;

    @BeforeAll
    static void start() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry()
                .with(givenSensor("kunikane")
                        .in(KAKOGAWA)
                        .at(34.7868, 134.8466)
                        .named("国包")
                        .build())
                .with(givenSensor("ichiba")
                        .in(KAKOGAWA)
                        .inundationSensor()
                        .at(34.77, 134.85)
                        .build());
        InMemoryAlerts alerts = new InMemoryAlerts()
                .with(givenAlert(1, "river-stage")
                        .level(2)
                        .state(Alert.State.ACKNOWLEDGED)
                        .sequence(2)
                        .changedAt(T.plusSeconds(100))
                        .fact("stage-name-ja", "氾濫注意水位")
                        .fact("level-m", "2.65")
                        .fact("acknowledged-by", "officer-sato")
                        .build())
                .withTransition(1, AlertTransition.ACKNOWLEDGED, Map.of("acknowledged-by", "officer-sato"), T)
                .with(givenAlert(2, "inundation")
                        .on("ichiba")
                        .severity(Alert.Severity.CRITICAL)
                        .changedAt(T.plusSeconds(200))
                        .fact("depth-m", "0.22")
                        .build())
                .with(givenAlert(3, "offline")
                        .on("takasago-1")
                        .in(TAKASAGO)
                        .changedAt(T.plusSeconds(300))
                        .build())
                .with(givenAlert(4, "rate-of-rise")
                        .changedAt(T.plusSeconds(400))
                        .build())
                .with(givenAlert(5, "battery-low").changedAt(T.plusSeconds(500)).build())
                .with(givenAlert(6, "suspect-value")
                        .severity(Alert.Severity.INFO)
                        .changedAt(T.plusSeconds(600))
                        .build())
                .with(givenAlert(7, "upstream-warning")
                        .on("nishiwaki-1")
                        .in(KAKOGAWA)
                        .changedAt(T.plusSeconds(700))
                        .build())
                .with(givenAlert(8, "gate-pass")
                        .onTag("tag-secret-8", "family-8")
                        .build())
                .with(givenAlert(9, "not-seen")
                        .onTag("tag-secret-9", "family-9")
                        .build())
                .with(givenAlert(10, "near-flood")
                        .onTag("tag-secret-10", "family-10")
                        .build())
                .with(givenAlert(11, "lost-mode")
                        .onTag("tag-secret-11", "family-11")
                        .severity(Alert.Severity.CRITICAL)
                        .build())
                .with(givenAlert(12, "rate-of-rise")
                        .in(TAKASAGO)
                        .on("takasago-1")
                        .build())
                .with(givenAlert(13, "river-stage")
                        .state(Alert.State.CLEARED)
                        .sequence(3)
                        .fact("stage", "0")
                        .build())
                .with(givenAlert(14, "some-future-rule").build());
        web = TestServer.withAlerts(registry, alerts);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(a -> ids.add(a.path("id").asLong()));
        return ids;
    }

    static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response);
    }

    static void assertNoPersonalOrEngineData(String body) {
        assertThat(body)
                .doesNotContain("_owner", "_family", "_subject", "tag-secret", "family-", "officer-sato")
                .doesNotContain("acknowledged-by", "小学校");
    }

    @Test
    void the_public_sees_only_the_active_flood_alerts_and_missing_sensors_newest_first() {
        HttpResponse<String> response = web.get("/api/v1/alerts");

        JsonNode body = ok(response);
        assertThat(TestServer.contentType(response)).startsWith("application/json");
        assertThat(body.path("view").asText()).isEqualTo("public");
        assertThat(ids(body.path("alerts"))).containsExactly(3L, 2L, 1L);
        assertNoPersonalOrEngineData(response.body());
    }

    @Test
    void a_public_alert_carries_its_public_facts_and_times_in_utc() {
        JsonNode alert = ok(web.get("/api/v1/alerts/1"));

        assertThat(alert.path("id").asLong()).isEqualTo(1);
        assertThat(alert.path("rule").asText()).isEqualTo("river-stage");
        assertThat(alert.path("municipality").asText()).isEqualTo("282103");
        assertThat(alert.path("municipalityName").asText()).isEqualTo("加古川市");
        assertThat(alert.path("municipalityNameEn").asText()).isEqualTo("Kakogawa");
        assertThat(alert.path("subject").asText()).isEqualTo("kunikane");
        assertThat(alert.path("severity").asText()).isEqualTo("warning");
        assertThat(alert.path("state").asText()).isEqualTo("acknowledged");
        assertThat(alert.path("level").asInt()).isEqualTo(2);
        assertThat(alert.path("sequence").asInt()).isEqualTo(2);
        assertThat(alert.path("openedAt").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(alert.path("changedAt").asText()).isEqualTo("2026-07-01T03:01:40Z");
        List<String> keys = new ArrayList<>();
        alert.path("facts").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("level-m", "stage", "stage-name-ja", "station", "station-name");
        assertThat(alert.path("facts").path("stage-name-ja").asText()).isEqualTo("氾濫注意水位");
    }

    @Test
    void the_public_may_narrow_the_list_to_one_municipality() {
        assertThat(ids(ok(web.get("/api/v1/alerts?municipality=282162")).path("alerts")))
                .containsExactly(3L);
    }

    @Test
    void a_token_holder_sees_the_officers_alerts_of_the_municipality_asked_for_but_never_a_tag_rule() {
        HttpResponse<String> response = web.get("/api/v1/alerts?municipality=282103", TOKEN);

        JsonNode body = ok(response);
        assertThat(body.path("view").asText()).isEqualTo("officers");
        assertThat(ids(body.path("alerts"))).containsExactly(7L, 6L, 5L, 4L, 2L, 1L);
        assertThat(response.body()).doesNotContain("tag-secret", "family-", "_owner", "小学校");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void an_officer_sees_who_acknowledged() {
        JsonNode alert = ok(web.get("/api/v1/alerts/1", TOKEN));

        assertThat(alert.path("facts").path("acknowledged-by").asText()).isEqualTo("officer-sato");
        assertThat(alert.path("facts").has("_owner")).isFalse();
    }

    @Test
    void a_token_holder_without_a_municipality_sees_the_whole_basin() {
        assertThat(ids(ok(web.get("/api/v1/alerts", TOKEN)).path("alerts")))
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 12L);
    }

    @ParameterizedTest(name = "alert {0}")
    @ValueSource(strings = {"4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "999", "abc", "-1", "0"})
    void an_alert_the_public_may_not_see_answers_404_exactly_like_one_that_does_not_exist(String id) {
        HttpResponse<String> one = web.get("/api/v1/alerts/" + id);
        HttpResponse<String> transitions = web.get("/api/v1/alerts/" + id + "/transitions");
        HttpResponse<String> unknown = web.get("/api/v1/alerts/99999");

        for (HttpResponse<String> response : List.of(one, transitions)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
            assertThat(TestServer.json(response).path("detail").asText())
                    .isEqualTo(TestServer.json(unknown).path("detail").asText());
            assertNoPersonalOrEngineData(response.body());
        }
    }

    @ParameterizedTest(name = "alert {0}")
    @ValueSource(strings = {"8", "9", "10", "11", "14"})
    void a_tag_alert_answers_404_to_a_token_holder_too(String id) {
        assertThat(web.get("/api/v1/alerts/" + id, TOKEN).statusCode()).isEqualTo(404);
        assertThat(web.get("/api/v1/alerts/" + id + "/transitions", TOKEN).statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_token_holder_reads_an_officers_alert_by_id() {
        assertThat(ok(web.get("/api/v1/alerts/4", TOKEN)).path("rule").asText()).isEqualTo("rate-of-rise");
    }

    @Test
    void a_cleared_flood_alert_is_still_found_by_id_but_not_listed_as_active() {
        assertThat(ok(web.get("/api/v1/alerts/13")).path("state").asText()).isEqualTo("cleared");
        assertThat(ids(ok(web.get("/api/v1/alerts")).path("alerts"))).doesNotContain(13L);
    }

    @Test
    void the_public_history_of_an_alert_holds_its_changes_of_state_only() {
        HttpResponse<String> response = web.get("/api/v1/alerts/1/transitions");

        JsonNode body = ok(response);
        assertThat(body.path("alert").asLong()).isEqualTo(1);
        JsonNode first = body.path("transitions").get(0);
        assertThat(body.path("transitions")).hasSize(1);
        assertThat(first.path("sequence").asInt()).isEqualTo(1);
        assertThat(first.path("transition").asText()).isEqualTo("opened");
        assertThat(first.path("severity").asText()).isEqualTo("warning");
        assertThat(first.path("state").asText()).isEqualTo("acknowledged");
        assertThat(first.path("level").asInt()).isEqualTo(2);
        assertThat(first.path("at").asText()).isEqualTo("2026-07-01T03:00:00Z");
        assertThat(first.path("facts").path("station").asText()).isEqualTo("kunikane");
        assertNoPersonalOrEngineData(response.body());
    }

    @Test
    void an_officer_reads_every_transition_with_who_acknowledged() {
        JsonNode transitions =
                ok(web.get("/api/v1/alerts/1/transitions", TOKEN)).path("transitions");

        List<String> kinds = new ArrayList<>();
        transitions.forEach(t -> kinds.add(t.path("transition").asText()));
        assertThat(kinds).containsExactly("opened", "reminder", "acknowledged");
        assertThat(transitions.get(2).path("facts").path("acknowledged-by").asText())
                .isEqualTo("officer-sato");
    }

    @Test
    void the_geojson_variant_places_each_alert_at_its_station() {
        HttpResponse<String> response = web.get("/api/v1/alerts?format=geojson");

        JsonNode body = ok(response);
        assertThat(TestServer.contentType(response)).startsWith("application/geo+json");
        assertThat(body.path("type").asText()).isEqualTo("FeatureCollection");
        JsonNode features = body.path("features");
        assertThat(ids(features)).containsExactly(3L, 2L, 1L);
        JsonNode kunikane = features.get(2);
        assertThat(kunikane.path("type").asText()).isEqualTo("Feature");
        assertThat(kunikane.path("geometry").path("type").asText()).isEqualTo("Point");
        assertThat(kunikane.path("geometry").path("coordinates").get(0).asDouble())
                .isEqualTo(134.8466);
        assertThat(kunikane.path("geometry").path("coordinates").get(1).asDouble())
                .isEqualTo(34.7868);
        assertThat(kunikane.path("properties").path("rule").asText()).isEqualTo("river-stage");
        // takasago-1 is not registered: no place to show it, but still listed
        assertThat(features.get(0).path("geometry").isNull()).isTrue();
        assertNoPersonalOrEngineData(response.body());
    }

    @Test
    void a_wrong_token_is_refused_rather_than_taken_for_the_public() {
        HttpResponse<String> response = web.get("/api/v1/alerts", "not-the-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("www-authenticate").orElse(""))
                .contains("Bearer realm=\"kawamori\"")
                .contains("invalid_token");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?municipality=123", "?municipality=282104", "?format=xml"})
    void a_bad_parameter_answers_400_problem_json(String query) {
        HttpResponse<String> response = web.get("/api/v1/alerts" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
        assertThat(TestServer.json(response).path("status").asInt()).isEqualTo(400);
    }
}
