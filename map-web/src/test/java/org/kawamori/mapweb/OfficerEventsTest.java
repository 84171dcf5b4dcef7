package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;
import static org.kawamori.mapweb.OfficerServer.KAKOGAWA_OFFICER;
import static org.kawamori.mapweb.OfficerServer.TAKASAGO_OFFICER;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/**
 * The officers' live stream over real HTTP: readings and battery, every officers' alert of the basin,
 * a declared search's notices for its own municipality's officers only, nothing of a family's.
 */
class OfficerEventsTest {

    static final Instant NOW = Instant.parse("2026-07-01T03:00:00Z");
    static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");

    final Sensor kunikane =
            givenSensor("kunikane").in("282103").gauge().named("国包").build();
    final OfficerServer console = OfficerServer.over(new InMemorySensorRegistry().with(kunikane));
    TestServer web;
    Notifier channel;

    void start(long maxAgeMs) {
        web = console.start(maxAgeMs);
        channel = web.server.officerNoticeChannel(OfficerEventsTest::document);
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    /** The notice document in the shape the notify module's NoticeJson writes (map-web does not depend on it). */
    static String document(Notice n) {
        var doc = Json.MAPPER.createObjectNode();
        doc.put("v", 1);
        doc.put("key", n.key());
        doc.put("alertId", n.alertId());
        doc.put("transition", AlertJson.code(n.transition()));
        doc.put("severity", AlertJson.code(n.severity()));
        doc.put("rule", n.rule());
        var audience = doc.putObject("audience");
        if (n.audience() instanceof Audience.Officers o) {
            audience.put("kind", "officers");
            audience.put("municipality", o.municipality().value());
        } else {
            audience.put("kind", n.audience() instanceof Audience.Family ? "family" : "public");
        }
        doc.put("at", n.at().toString());
        doc.putObject("titles").put("ja", n.titleJa()).put("en", n.titleEn());
        doc.set("facts", Json.MAPPER.valueToTree(new java.util.TreeMap<>(n.facts())));
        return Json.write(doc);
    }

    static Notice notice(
            long id, int sequence, AlertTransition t, String rule, Audience to, Map<String, String> facts) {
        return new Notice(
                Notice.keyOf(id, sequence), id, t, Alert.Severity.WARNING, rule, to, NOW, "題", "title", facts);
    }

    SseClient streamOf(String login) {
        return CookieSession.loggedInAs(web, login).officerEvents().awaitConnected();
    }

    @Test
    void anOfficerHearsTheReadingsAndTheBatteryOfTheBasinsSensors() {
        start(OfficerStream.MAX_AGE_MS);
        SseClient suzuki = streamOf(TAKASAGO_OFFICER);

        web.server
                .liveFeed()
                .onCommitted(
                        kunikane,
                        List.of(
                                new Reading(kunikane.id(), KAKOGAWA, NOW, Quantity.WATER_LEVEL, 3.2),
                                new Reading(kunikane.id(), KAKOGAWA, NOW, Quantity.BATTERY, 64)));

        SseClient.Event reading = suzuki.nextEvent();
        SseClient.Event battery = suzuki.nextEvent();
        assertThat(reading.type()).isEqualTo("reading");
        assertThat(reading.json().at("/properties/latest/value").asDouble()).isEqualTo(3.2);
        assertThat(battery.type()).isEqualTo("battery");
        assertThat(battery.json().get("sensor").asText()).isEqualTo("kunikane");
        assertThat(battery.json().get("value").asDouble()).isEqualTo(64.0);
    }

    @Test
    void everyOfficerOfTheBasinHearsAnOfficersAlertAndAColleaguesAcknowledgement() throws Exception {
        start(OfficerStream.MAX_AGE_MS);
        SseClient tanaka = streamOf(KAKOGAWA_OFFICER);
        SseClient suzuki = streamOf(TAKASAGO_OFFICER);
        Audience kakogawaOfficers = new Audience.Officers(KAKOGAWA);

        channel.deliver(
                notice(7, 1, AlertTransition.OPENED, "rate-of-rise", kakogawaOfficers, Map.of("station", "kunikane")));
        channel.deliver(notice(
                7,
                2,
                AlertTransition.ACKNOWLEDGED,
                "rate-of-rise",
                kakogawaOfficers,
                Map.of("station", "kunikane", "acknowledged-by", "yamamoto", "_owner", "sensor:kunikane")));

        for (SseClient stream : List.of(tanaka, suzuki)) {
            JsonNode opened = stream.nextEvent().json();
            SseClient.Event ack = stream.nextEvent();
            assertThat(opened.get("transition").asText()).isEqualTo("opened");
            assertThat(ack.type()).isEqualTo("alert");
            assertThat(ack.json().get("transition").asText()).isEqualTo("acknowledged");
            assertThat(ack.json().at("/facts/acknowledged-by").asText()).isEqualTo("yamamoto");
            assertThat(ack.json().get("facts").has("_owner"))
                    .as("no engine keys")
                    .isFalse();
        }
    }

    @Test
    void aSearchIsHeardByTheOfficersOfItsMunicipalityOnlyAndWithoutAPosition() throws Exception {
        start(OfficerStream.MAX_AGE_MS);
        SseClient tanaka = streamOf(KAKOGAWA_OFFICER);
        SseClient suzuki = streamOf(TAKASAGO_OFFICER);

        channel.deliver(notice(
                41,
                2,
                AlertTransition.REMINDER,
                "lost-mode",
                new Audience.Officers(KAKOGAWA),
                Map.of("search", "41", "municipality", "282103", "sighting", "2", "lat", "34.7571", "lon", "134.84")));
        // then something every officer hears, so that Takasago's stream is known to be past the search
        channel.deliver(notice(8, 1, AlertTransition.OPENED, "offline", new Audience.Officers(TAKASAGO), Map.of()));

        SseClient.Event search = tanaka.nextEvent();
        assertThat(search.type()).isEqualTo("search");
        assertThat(search.json().at("/facts/search").asText()).isEqualTo("41");
        assertThat(search.data()).doesNotContain("34.7571").doesNotContain("lat");
        SseClient.Event first = suzuki.nextEvent();
        assertThat(first.type())
                .as("Takasago hears nothing of Kakogawa's search")
                .isEqualTo("alert");
        assertThat(first.json().get("alertId").asLong()).isEqualTo(8);
    }

    @Test
    void theChannelTakesNoFamilysNoticeNoPublicCopyAndNoUnknownRule() {
        start(OfficerStream.MAX_AGE_MS);
        Audience family = new Audience.Family(new Audience.FamilyId("family-sato"), KAKOGAWA);

        assertThat(channel.channel()).isEqualTo("officer-sse");
        assertThat(channel.accepts(notice(1, 1, AlertTransition.OPENED, "gate-pass", family, Map.of())))
                .isFalse();
        assertThat(channel.accepts(notice(1, 1, AlertTransition.OPENED, "lost-mode", family, Map.of())))
                .isFalse();
        assertThat(channel.accepts(
                        notice(1, 1, AlertTransition.OPENED, "river-stage", new Audience.Public(), Map.of())))
                .isFalse();
        assertThat(channel.accepts(
                        notice(1, 1, AlertTransition.OPENED, "gate-pass", new Audience.Officers(KAKOGAWA), Map.of())))
                .isFalse();
        assertThat(channel.accepts(
                        notice(1, 1, AlertTransition.OPENED, "river-stage", new Audience.Officers(KAKOGAWA), Map.of())))
                .isTrue();
        assertThatThrownBy(() -> channel.deliver(notice(1, 1, AlertTransition.OPENED, "gate-pass", family, Map.of())))
                .isInstanceOf(Notifier.DeliveryException.class);
    }

    @Test
    void aStreamEndsAfterItsMaxAgeAndALoggedOutOfficerCannotOpenItAgain() {
        start(500);
        CookieSession tanaka = CookieSession.loggedInAs(web, KAKOGAWA_OFFICER);
        SseClient stream = tanaka.officerEvents().awaitConnected();
        await().atMost(Duration.ofSeconds(5)).until(() -> web.server.officerClientCount() == 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> web.server.officerClientCount() == 0);
        String line;
        while ((line = stream.nextLine()).isEmpty()) {
            // the end of the greeting
        }
        assertThat(line).as("a quick reconnect is asked for").isEqualTo("retry: 500");
        tanaka.send("DELETE", "/api/v1/session", null);

        assertThat(tanaka.officerEvents().response.statusCode()).isEqualTo(401);
    }

    @Test
    void anOfficersAlertIsKeptFromNobodyWhoIsNotAnOfficer() {
        start(OfficerStream.MAX_AGE_MS);
        console.alerts.with(givenAlert(9, "battery-low").build());

        assertThat(CookieSession.loggedInAs(web, OfficerServer.GUARDIAN)
                        .officerEvents()
                        .response
                        .statusCode())
                .isEqualTo(403);
        assertThat(CookieSession.anonymous(web).officerEvents().response.statusCode())
                .isEqualTo(401);
    }
}
