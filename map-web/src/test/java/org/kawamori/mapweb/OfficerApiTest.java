package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;
import static org.kawamori.mapweb.OfficerServer.GUARDIAN;
import static org.kawamori.mapweb.OfficerServer.KAKOGAWA_OFFICER;
import static org.kawamori.mapweb.OfficerServer.TAKASAGO_OFFICER;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/** The officers' console API over real HTTP: device health, searches and the audited trail, and who is refused. */
class OfficerApiTest {

    static final Instant NOW = Instant.parse("2026-07-01T03:00:00Z");

    final Sensor kunikane =
            givenSensor("kunikane").in("282103").gauge().named("国包").build();
    final Sensor underpass = givenSensor("ichiba-underpass")
            .in("282103")
            .named("市場アンダーパス")
            .experimental()
            .build();
    final Sensor arai = givenSensor("arai").in("282162").gauge().named("荒井").build();
    final OfficerServer console = OfficerServer.over(
            new InMemorySensorRegistry().with(kunikane).with(underpass).with(arai));
    TestServer web;

    @BeforeEach
    void start() {
        console.readings.with(
                new Reading(kunikane.id(), kunikane.municipality(), NOW, Quantity.WATER_LEVEL, 2.1),
                new Reading(arai.id(), arai.municipality(), NOW.minusSeconds(600), Quantity.WATER_LEVEL, 1.4));
        console.alerts
                .with(givenAlert(3, "offline")
                        .on("ichiba-underpass")
                        .fact("last-report", "2026-06-30T03:00:00Z")
                        .fact("overdue-after", "2026-07-01T02:00:00Z")
                        .build())
                .with(givenAlert(4, "battery-low")
                        .on("arai")
                        .in("282162")
                        .fact("battery-percent", "12")
                        .fact("time", "2026-07-01T01:00:00Z")
                        .build())
                .with(givenAlert(5, "river-stage").on("kunikane").level(2).build());
        console.searches
                .declare(41, "282103", "tag-hana")
                .sighted(41, 34.7571, 134.8412, NOW.minusSeconds(600))
                .sighted(41, 34.7601, 134.8455, NOW.minusSeconds(60))
                .declare(42, "282162", "tag-taro")
                .sighted(42, 34.75, 134.79, NOW.minusSeconds(30));
        web = console.start();
    }

    @AfterEach
    void stop() {
        web.close();
    }

    CookieSession officer(String login) {
        return CookieSession.loggedInAs(web, login);
    }

    @Test
    void anOfficerSeesTheWholeBasinsDeviceHealthWithTheMissingSensorFirst() {
        web.server.liveFeed().onCommitted(kunikane, List.of(battery(kunikane, 87)));

        HttpResponse<String> r = officer(TAKASAGO_OFFICER).get("/api/v1/officer/devices");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode body = TestServer.json(r);
        assertThat(body.at("/summary/total").asInt()).isEqualTo(3);
        assertThat(body.at("/summary/missing").asInt()).isEqualTo(1);
        assertThat(body.at("/summary/batteryLow").asInt()).isEqualTo(1);
        JsonNode devices = body.get("devices");
        assertThat(devices)
                .extracting(d -> d.get("id").asText())
                .containsExactly("ichiba-underpass", "arai", "kunikane");
        JsonNode missing = devices.get(0);
        assertThat(missing.get("missing").asBoolean()).isTrue();
        assertThat(missing.get("experimental").asBoolean()).isTrue();
        assertThat(missing.get("lastReport").asText()).isEqualTo("2026-06-30T03:00:00Z");
        assertThat(missing.get("expectedBy").asText()).isEqualTo("2026-07-01T02:00:00Z");
        assertThat(missing.get("missingAlert").asLong()).isEqualTo(3);
        JsonNode low = devices.get(1);
        assertThat(low.get("missing").asBoolean()).isFalse();
        assertThat(low.at("/battery/low").asBoolean()).isTrue();
        assertThat(low.at("/battery/percent").asDouble()).isEqualTo(12.0);
        assertThat(low.at("/battery/alert").asLong()).isEqualTo(4);
        JsonNode fine = devices.get(2);
        assertThat(fine.get("lastReport").asText()).isEqualTo(NOW.toString());
        assertThat(fine.at("/battery/percent").asDouble())
                .as("the latest battery reading seen")
                .isEqualTo(87.0);
        assertThat(fine.at("/battery/low").asBoolean()).isFalse();
        assertThat(fine.get("expectedBy").isNull()).isTrue();
    }

    @Test
    void onlyProblemsListsTheMissingAndLowBatterySensorsAndABadFilterIs400() {
        CookieSession tanaka = officer(KAKOGAWA_OFFICER);

        JsonNode body = TestServer.json(tanaka.get("/api/v1/officer/devices?only=problems"));
        HttpResponse<String> bad = tanaka.get("/api/v1/officer/devices?only=everything");

        assertThat(body.get("devices"))
                .extracting(d -> d.get("id").asText())
                .containsExactly("ichiba-underpass", "arai");
        assertThat(body.at("/summary/total").asInt()).isEqualTo(3);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestServer.contentType(bad)).startsWith(Problem.CONTENT_TYPE);
    }

    @Test
    void thePublicGets401AndAFamilyAndAnAdministratorGet403OnEveryOfficerEndpoint() {
        List<String> paths = List.of(
                "/api/v1/officer/devices",
                "/api/v1/officer/searches",
                "/api/v1/officer/searches/41/trail",
                "/api/v1/officer/events");
        CookieSession family = officer(GUARDIAN);
        CookieSession admin = officer("root");
        for (String path : paths) {
            assertThat(CookieSession.anonymous(web).get(path).statusCode())
                    .as("public " + path)
                    .isEqualTo(401);
            HttpResponse<String> f = family.get(path);
            assertThat(f.statusCode()).as("family " + path).isEqualTo(403);
            assertThat(f.body()).doesNotContain("34.7571").doesNotContain("tag-hana");
            assertThat(admin.get(path).statusCode()).as("admin " + path).isEqualTo(403);
        }
        assertThat(console.searches.audit).isEmpty();
    }

    @Test
    void anOfficerSeesTheDeclaredSearchesOfTheirMunicipalityWithoutTheTagOrItsPlace() {
        HttpResponse<String> r = officer(KAKOGAWA_OFFICER).get("/api/v1/officer/searches");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode searches = TestServer.json(r).get("searches");
        assertThat(searches).extracting(s -> s.get("id").asLong()).containsExactly(41L);
        assertThat(searches.get(0).get("municipality").asText()).isEqualTo("282103");
        assertThat(searches.get(0).get("trail").asText()).isEqualTo("/api/v1/officer/searches/41/trail");
        assertThat(r.body())
                .doesNotContain("tag-hana")
                .doesNotContain("34.7571")
                .doesNotContain("family-of");
        assertThat(console.searches.audit).as("the list reads no trail").isEmpty();
    }

    @Test
    void theTrailOfADeclaredSearchIsServedNewestFirstNotStoredAndAudited() {
        HttpResponse<String> r = officer(KAKOGAWA_OFFICER).get("/api/v1/officer/searches/41/trail");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(r)).startsWith("application/geo+json");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode trail = TestServer.json(r);
        assertThat(trail.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(trail.get("audited").asBoolean()).isTrue();
        assertThat(trail.get("features")).hasSize(2);
        assertThat(trail.at("/features/0/geometry/coordinates/1").asDouble()).isEqualTo(34.7601);
        assertThat(trail.at("/features/0/properties/last").asText())
                .isEqualTo(NOW.minusSeconds(60).toString());
        assertThat(r.body()).doesNotContain("tag-hana");
        assertThat(console.searches.audit).singleElement().satisfies(read -> {
            assertThat(read.searchId()).isEqualTo(41);
            assertThat(read.officer()).isEqualTo(KAKOGAWA_OFFICER);
            assertThat(read.sightings()).isEqualTo(2);
        });
    }

    @Test
    void anOfficerOfTakasagoGets404ForKakogawasSearchAsForOneThatDoesNotExist() {
        CookieSession suzuki = officer(TAKASAGO_OFFICER);

        HttpResponse<String> kakogawas = suzuki.get("/api/v1/officer/searches/41/trail");
        HttpResponse<String> none = suzuki.get("/api/v1/officer/searches/999/trail");
        JsonNode listed =
                TestServer.json(suzuki.get("/api/v1/officer/searches")).get("searches");

        assertThat(kakogawas.statusCode()).isEqualTo(404);
        assertThat(TestServer.contentType(kakogawas)).startsWith(Problem.CONTENT_TYPE);
        assertThat(kakogawas.body()).doesNotContain("34.7").doesNotContain("tag-hana");
        assertThat(TestServer.json(kakogawas).get("detail").asText())
                .isEqualTo(TestServer.json(none).get("detail").asText());
        assertThat(listed).extracting(s -> s.get("id").asLong()).containsExactly(42L);
        assertThat(console.searches.audit).isEmpty();
    }

    @Test
    void theTrailIsGoneOnceTheSearchEnds() {
        CookieSession tanaka = officer(KAKOGAWA_OFFICER);
        assertThat(tanaka.get("/api/v1/officer/searches/41/trail").statusCode()).isEqualTo(200);

        console.searches.end(41);

        assertThat(tanaka.get("/api/v1/officer/searches/41/trail").statusCode()).isEqualTo(404);
        assertThat(TestServer.json(tanaka.get("/api/v1/officer/searches")).get("searches"))
                .isEmpty();
        assertThat(console.searches.audit).hasSize(1);
    }

    @Test
    void aSearchIdThatIsNotANumberIs404() {
        CookieSession tanaka = officer(KAKOGAWA_OFFICER);

        for (String id : List.of("abc", "-1", "0", "99999999999999999999", "41%20or%201=1")) {
            HttpResponse<String> r = tanaka.get("/api/v1/officer/searches/" + id + "/trail");
            assertThat(r.statusCode()).as(id).isEqualTo(404);
            assertThat(TestServer.contentType(r)).as(id).startsWith(Problem.CONTENT_TYPE);
        }
        assertThat(console.searches.audit).isEmpty();
    }

    static Reading battery(Sensor sensor, double percent) {
        return new Reading(sensor.id(), sensor.municipality(), NOW.minusSeconds(120), Quantity.BATTERY, percent);
    }
}
