package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.Http;
import org.kawamori.deploy.fixtures.SseRecorder;

/**
 * One reading from a real device client to the API and the live stream, over every transport:
 * MQTT through the embedded HiveMQ (demo mode, embedded PostgreSQL), MQTT through the machine's
 * Mosquitto (external-broker mode, the machine's PostgreSQL 15), and CoAP.
 */
class EndToEndTest {

    private static RunningKawamori demo;
    private static RunningKawamori external;
    private static KawamoriApp demoMode;
    private static KawamoriApp externalMode;

    /** A way for a reading to come in, and the Kawamori it goes to. */
    enum Way {
        MQTT_EMBEDDED_BROKER,
        MQTT_MOSQUITTO,
        COAP,
        COAP_DTLS;

        KawamoriApp app() {
            return this == MQTT_MOSQUITTO ? externalMode : demoMode;
        }

        void send(String payload) throws Exception {
            Endpoints e = app().endpoints();
            switch (this) {
                case MQTT_EMBEDDED_BROKER ->
                    Devices.publish(
                            e.mqttUrl(),
                            Optional.of(new String[] {"demo-gauge-1", "demo-secret"}),
                            "kawamori/282103/sensors/demo-gauge-1/up",
                            payload);
                case MQTT_MOSQUITTO ->
                    Devices.publish(e.mqttUrl(), Optional.empty(), "kawamori/282103/sensors/demo-gauge-1/up", payload);
                case COAP -> {
                    CoapResponse response = Devices.post(e.coapUri(), "/s/demo-gauge-1", payload);
                    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
                }
                case COAP_DTLS -> {
                    CoapResponse response = Devices.postOverDtls(
                            e.coapsUri().orElseThrow(), "/s/demo-gauge-1", "demo-gauge-1", "demo-dtls-key", payload);
                    assertThat(response).as("an answer over DTLS").isNotNull();
                    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
                }
            }
        }
    }

    @BeforeAll
    static void startBothModes() throws Exception {
        demo = givenKawamori().withEmbeddedBroker().withEmbeddedPostgres().start();
        external = givenKawamori().withMosquitto().withLocalPostgres().start();
        demoMode = demo.app();
        externalMode = external.app();
    }

    @AfterAll
    static void stopBothModes() throws Exception {
        if (demo != null) {
            demo.close();
        }
        if (external != null) {
            external.close();
        }
    }

    static Stream<Way> ways() {
        return Stream.of(Way.values());
    }

    @ParameterizedTest(name = "over {0}")
    @MethodSource("ways")
    void aReadingFromARealDeviceAppearsInTheApiAndOnTheLiveStream(Way way) throws Exception {
        Http api = new Http(way.app().endpoints().mapUrl());
        double level = ThreadLocalRandom.current().nextInt(100, 999) / 100.0;
        Instant time = Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String payload = String.format(
                Locale.ROOT,
                "[{\"bn\":\"urn:dev:kawamori:demo-gauge-1:\",\"n\":\"level\",\"u\":\"m\",\"v\":%.2f,\"t\":%d.%03d}]",
                level,
                time.getEpochSecond(),
                time.getNano() / 1_000_000);

        try (SseRecorder live = new SseRecorder(way.app().endpoints().mapUrl())) {
            way.send(payload);

            await().atMost(Duration.ofSeconds(15)).until(() -> live.events().stream()
                    .anyMatch(e -> "reading".equals(e.type())
                            && e.data()
                                            .path("properties")
                                            .path("latest")
                                            .path("value")
                                            .asDouble()
                                    == level));
        }
        JsonNode feature = api.sensorFeature("demo-gauge-1");
        assertThat(feature.path("properties").path("municipality").asText()).isEqualTo("282103");
        assertThat(feature.path("properties").path("kind").asText()).isEqualTo("RIVER_GAUGE");
        assertThat(feature.path("properties").path("latest").path("value").asDouble())
                .isEqualTo(level);
        assertThat(feature.path("properties").path("latest").path("unit").asText())
                .isEqualTo("m");
        assertThat(Instant.parse(
                        feature.path("properties").path("latest").path("time").asText()))
                .isEqualTo(time);

        JsonNode history = api.getJson(
                "/api/v1/sensors/demo-gauge-1/readings?from=" + time.minusSeconds(60) + "&to=" + time.plusSeconds(60));
        assertThat(history.path("readings").findValuesAsText("value")).isNotEmpty();
        assertThat(history.path("readings").toString()).contains(String.valueOf(level));
    }

    @Test
    void healthIsUpWithBrokerDatabaseAndRoutesInBothModes() throws Exception {
        for (KawamoriApp app : new KawamoriApp[] {demoMode, externalMode}) {
            var response = new Http(app.endpoints().mapUrl()).get("/health");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"broker\"", "\"database\"", "\"routes\"");
        }
    }
}
