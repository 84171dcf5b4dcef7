package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.Http;
import org.kawamori.deploy.fixtures.LogCapture;

/**
 * Bad input over a real broker (the machine's Mosquitto, where anyone may publish anything): each
 * message is refused with a clear log line and a dead-letter row, and the valid reading sent after it
 * still arrives.
 */
class BadInputTest {

    private static RunningKawamori kawamori;
    private static KawamoriApp app;
    private static final AtomicInteger CENTIMETRES = new AtomicInteger(100);

    @BeforeAll
    static void start() throws Exception {
        kawamori = givenKawamori().withMosquitto().withLocalPostgres().start();
        app = kawamori.app();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kawamori != null) {
            kawamori.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "malformed SenML|kawamori/282103/sensors/demo-gauge-1/up|[{\"n\":\"level\",\"v\":1.0|MALFORMED_PAYLOAD|not valid JSON",
                "an unknown device|kawamori/282103/sensors/ghost-gauge/up|[{\"n\":\"level\",\"v\":1.0}]|UNKNOWN_DEVICE|'ghost-gauge' is not registered",
                "a topic with no valid municipality|kawamori/999999/sensors/demo-gauge-1/up|[{\"n\":\"level\",\"v\":1.0}]|WRONG_TOPIC|no valid municipality",
                "another municipality's topic|kawamori/282138/sensors/demo-gauge-1/up|[{\"n\":\"level\",\"v\":1.0}]|WRONG_MUNICIPALITY|belongs to 282103, not 282138",
                "a level of 500 m|kawamori/282103/sensors/demo-gauge-1/up|[{\"n\":\"level\",\"v\":500}]|VALUE_OUT_OF_RANGE|outside"
            })
    void badInputIsLoggedAndDeadLetteredAndTheNextValidReadingStillArrives(
            String what, String topic, String payload, RejectionReason reason, String detail) throws Exception {
        long before = app.routing().counters().rejected(reason);
        try (LogCapture log = new LogCapture("org.kawamori.ingest.rejected")) {
            Devices.publish(app.endpoints().mqttUrl(), Optional.empty(), topic, payload);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> log.lines().stream().anyMatch(l -> l.contains(reason.code())));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN rejected MQTT message on " + topic + ": " + reason.code())
                    .contains(detail));
        }
        assertThat(app.routing().counters().rejected(reason)).isEqualTo(before + 1);
        assertThat(app.deadLetters().recent(20)).anySatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo(reason);
            assertThat(letter.channel()).isEqualTo(topic);
        });

        double level = CENTIMETRES.incrementAndGet() / 100.0;
        Devices.publish(
                app.endpoints().mqttUrl(),
                Optional.empty(),
                "kawamori/282103/sensors/demo-gauge-1/up",
                String.format(Locale.ROOT, "[{\"n\":\"level\",\"u\":\"m\",\"v\":%.2f}]", level));
        Http api = new Http(app.endpoints().mapUrl());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.sensorFeature("demo-gauge-1")
                                .path("properties")
                                .path("latest")
                                .path("value")
                                .asDouble()
                        == level);
    }
}
