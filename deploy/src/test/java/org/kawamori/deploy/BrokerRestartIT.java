package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.GaugeRecord;
import org.kawamori.deploy.fixtures.GaugeStream;
import org.kawamori.deploy.fixtures.KawamoriJar;
import org.kawamori.deploy.fixtures.LocalPostgres;
import org.kawamori.deploy.fixtures.PrivateMosquitto;

/**
 * The broker restarted in the middle of a QoS 1 stream: a Mosquitto of the test's own (persistence in
 * a temporary directory, never the machine's broker) is stopped and started again on the same port
 * while the gauge streams. The packaged app's MQTT client reconnects by itself and resumes its
 * persistent session (the broker saved it, with the messages queued for it), the gauge sends again
 * what the broker had not acknowledged, and in the end the table holds exactly one row per reading
 * (runs after {@code package}, failsafe).
 */
class BrokerRestartIT {

    private static final int MESSAGES = 1_500;

    @Test
    void aBrokerRestartMidStreamIsRidOutByTheAppsOwnReconnectAndLosesOrDuplicatesNothing() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.started();
                LocalPostgres postgres = new LocalPostgres()) {
            KawamoriJar kawamori = KawamoriJar.on(broker.url(), postgres.jdbcUrl())
                    .withStages("demo-gauge-1", "1:1.50,2:2.60,3:3.30,4:4.00,5:4.80")
                    .start();
            GaugeRecord gauge = GaugeRecord.of("demo-gauge-1", postgres.jdbcUrl());
            try (GaugeStream stream = GaugeStream.of("demo-gauge-1", MESSAGES)
                    .levels(i -> i < MESSAGES / 2 ? 1.0 : 1.8)
                    .every(Duration.ofMillis(5))
                    .to(broker.url())) {

                await().atMost(Duration.ofSeconds(60)).until(() -> gauge.rows() >= 300);
                broker.stop();
                int sentWhileUp = stream.sent();
                broker.start();

                stream.awaitAllSent(Duration.ofSeconds(120));
                await().atMost(Duration.ofSeconds(90)).until(() -> gauge.rows() == MESSAGES);

                assertThat(sentWhileUp)
                        .as("the restart came in the middle of the stream")
                        .isLessThan(MESSAGES);
                assertThat(kawamori.output())
                        .as("the app's client reconnected by itself")
                        .anyMatch(line -> line.contains("MQTT ingest reconnected"));
                assertThat(gauge.distinctTimes()).as("no duplicates").isEqualTo(MESSAGES);
                assertThat(gauge.deadLetters()).as("no message refused").isZero();
                await().atMost(Duration.ofSeconds(30)).until(() -> gauge.stageAlerts() == 1);
                assertThat(gauge.stageHistory()).containsExactly("OPENED 1");
            } finally {
                kawamori.stop();
            }
        }
    }
}
