package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.Stored.detectionsAt;
import static org.kawamori.deploy.Stored.latestOfMunicipalityAt;
import static org.kawamori.deploy.Stored.readingsAt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kawamori.deploy.BothModes.Fleet;
import org.kawamori.deploy.Way.Answer;
import org.kawamori.deploy.Way.Sender;
import org.kawamori.deploy.fixtures.Http;
import org.kawamori.deploy.fixtures.SseRecorder;

/**
 * Sensor readings and gateway detection batches from real device clients over every way in ({@link
 * Way}): MQTT through the embedded HiveMQ (demo mode, embedded PostgreSQL), MQTT through the machine's
 * Mosquitto (external-broker mode, the machine's PostgreSQL 15), CoAP, CoAP over DTLS (readings: a
 * PSK belongs to a sensor) and HTTPS (batches). What a user would check: the reading on the map, in the
 * API and on the live stream; each detection stored once, for the tag's own municipality, placed right,
 * a volunteer's phone not stored by its id; the sender answered. Over CoAP and HTTPS the answer comes
 * after the commit, so the rows are there when it arrives; over MQTT the broker acknowledges on its
 * own and the test waits for the rows.
 */
@ExtendWith(BothModes.class)
class EndToEndTest {

    private static final AtomicInteger CENTIMETRES = new AtomicInteger(100 + (int) (System.nanoTime() % 500));

    @ParameterizedTest(name = "over {0}")
    @MethodSource("org.kawamori.deploy.Way#forReadings")
    void aGaugeReadingAppearsInTheApiAndOnTheLiveStream(Way way) throws Exception {
        KawamoriApp app = way.app();
        double level = CENTIMETRES.incrementAndGet() / 100.0;
        Instant time = Stored.uniqueTime();
        String payload = String.format(
                Locale.ROOT,
                "[{\"bn\":\"urn:dev:kawamori:demo-gauge-1:\",\"n\":\"level\",\"u\":\"m\",\"v\":%.2f,\"t\":%s}]",
                level,
                Stored.senmlTime(time));

        try (SseRecorder live = new SseRecorder(app.endpoints().mapUrl())) {
            Answer answer = way.send(Sender.DEMO_GAUGE, payload);

            assertThat(answer.isSuccess()).as("answered %s", answer).isTrue();
            if (way != Way.MQTT_EMBEDDED_BROKER && way != Way.MQTT_MOSQUITTO) {
                assertThat(readingsAt(app, "demo-gauge-1", time))
                        .as("committed before the answer")
                        .containsExactly("level=" + level);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> live.events().stream()
                    .anyMatch(e -> "reading".equals(e.type())
                            && e.data()
                                            .path("properties")
                                            .path("latest")
                                            .path("value")
                                            .asDouble()
                                    == level));
        }
        assertThat(readingsAt(app, "demo-gauge-1", time)).containsExactly("level=" + level);
        JsonNode latest =
                new Http(app.endpoints().mapUrl()).sensorFeature("demo-gauge-1").path("properties");
        assertThat(latest.path("municipality").asText()).isEqualTo("282103");
        assertThat(latest.path("kind").asText()).isEqualTo("RIVER_GAUGE");
        assertThat(latest.path("latest").path("unit").asText()).isEqualTo("m");
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("org.kawamori.deploy.Way#forBatches")
    void aKakogawaCameraStoresEachTagOnceForItsOwnMunicipalityAndIgnoresStrangers(Way way) throws Exception {
        KawamoriApp app = way.app();
        Instant t = Stored.uniqueTime();
        String batch = "{\"v\":1,\"gateway\":\"demo-camera-1\",\"detections\":["
                + "{\"tag\":\"demo-tag-1\",\"time\":\"" + t + "\",\"rssi\":-70},"
                + "{\"tag\":\"" + Fleet.TAKASAGO_TAG + "\",\"time\":\"" + t + "\",\"rssi\":-81},"
                + "{\"tag\":\"someone-elses-beacon\",\"time\":\"" + t + "\",\"rssi\":-60},"
                + "{\"adv\":\"" + Fleet.IBEACON_ADV + "\",\"time\":\"" + t + "\",\"rssi\":-75}]}";
        long ignoredBefore = app.routing().counters().beaconsIgnored();

        Answer answer = way.send(Sender.DEMO_CAMERA, batch);

        assertThat(answer.isSuccess()).as("answered %s", answer).isTrue();
        if (way == Way.HTTPS) {
            assertThat(answer.body())
                    .as("the answer counts the batch, not the registered tags")
                    .isEqualTo("{\"accepted\":4}");
        }
        if (way == Way.COAP || way == Way.HTTPS) {
            assertThat(detectionsAt(app, "demo-tag-1", t))
                    .as("committed before the answer")
                    .hasSize(1);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(detectionsAt(app, Fleet.IBEACON_TAG, t))
                .hasSize(1));
        assertThat(detectionsAt(app, "demo-tag-1", t))
                .as("a fixed camera's detection is placed at the camera, with the BLE range as accuracy")
                .containsExactly("282103 demo-camera-1 282103 34.757,134.8412 ±50.0 -70");
        assertThat(detectionsAt(app, Fleet.TAKASAGO_TAG, t))
                .as("a Takasago tag heard by a Kakogawa camera is stored for Takasago")
                .containsExactly("282162 demo-camera-1 282103 34.757,134.8412 ±50.0 -81");
        assertThat(detectionsAt(app, Fleet.IBEACON_TAG, t))
                .as("a raw iBeacon is parsed into its registered identity")
                .containsExactly("282162 demo-camera-1 282103 34.757,134.8412 ±50.0 -75");
        assertThat(detectionsAt(app, "someone-elses-beacon", t)).isEmpty();
        assertThat(app.routing().counters().beaconsIgnored()).isGreaterThan(ignoredBefore);
        assertThat(latestOfMunicipalityAt(app, Fleet.TAKASAGO, t))
                .as("what Takasago sees")
                .containsExactlyInAnyOrder(
                        Fleet.IBEACON_TAG + " 282162 demo-camera-1 282103 34.757,134.8412 ±50.0 -75",
                        Fleet.TAKASAGO_TAG + " 282162 demo-camera-1 282103 34.757,134.8412 ±50.0 -81");
        assertThat(latestOfMunicipalityAt(app, Fleet.KAKOGAWA, t))
                .as("what Kakogawa sees: its own tag only")
                .containsExactly("demo-tag-1 282103 demo-camera-1 282103 34.757,134.8412 ±50.0 -70");
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("org.kawamori.deploy.Way#forBatches")
    void aVolunteerPhoneIsNotStoredByItsIdAndGivesItsOwnPosition(Way way) throws Exception {
        KawamoriApp app = way.app();
        Instant t = Stored.uniqueTime();
        String batch = "{\"v\":1,\"position\":{\"lat\":34.7701,\"lon\":134.8301,\"accuracy\":12.5},\"detections\":["
                + "{\"tag\":\"" + Fleet.TAKASAGO_TAG + "\",\"time\":\"" + t + "\",\"rssi\":-77}]}";

        Answer answer = way.send(Sender.PHONE, batch);

        assertThat(answer.isSuccess()).as("answered %s", answer).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(detectionsAt(app, Fleet.TAKASAGO_TAG, t))
                .containsExactly("282162 volunteer-phone 282162 34.7701,134.8301 ±12.5 -77"));
    }

    @Test
    void healthIsUpWithBrokerDatabaseAndRoutesInBothModes() throws Exception {
        for (KawamoriApp app : List.of(BothModes.demoMode(), BothModes.externalMode())) {
            var response = new Http(app.endpoints().mapUrl()).get("/health");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"broker\"", "\"database\"", "\"routes\"");
        }
    }
}
