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
 * kill -9 of the packaged app in the middle of a QoS 1 stream, then a restart on the same data
 * directory: the broker (a Mosquitto of the test's own) kept the session and the unacknowledged
 * messages, and in the end the table holds exactly one row per message sent. The alerts survive too:
 * the gauge was above stage 1 before the kill (one alert open), its readings redelivered after the
 * restart do not open it again, and its rise to stage 2 after the restart escalates that same alert
 * once (runs after {@code package}, failsafe).
 */
class CrashRecoveryIT {

    private static final int MESSAGES = 600;
    private static final int STAGE_1_FROM = 50;
    private static final int STAGE_2_FROM = 400;

    @Test
    void aKillDashNineInTheMiddleOfAStreamLosesNothingDuplicatesNothingAndKeepsTheAlertAsItWas() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.started();
                LocalPostgres postgres = new LocalPostgres()) {
            KawamoriJar kawamori = KawamoriJar.on(broker.url(), postgres.jdbcUrl())
                    .withStages("demo-gauge-1", "1:1.50,2:2.60,3:3.30,4:4.00,5:4.80")
                    .start();
            GaugeRecord gauge = GaugeRecord.of("demo-gauge-1", postgres.jdbcUrl());
            try (GaugeStream stream = GaugeStream.of("demo-gauge-1", MESSAGES)
                    .levels(i -> i < STAGE_1_FROM ? 1.0 : i < STAGE_2_FROM ? 1.8 : 2.8)
                    .every(Duration.ofMillis(5))
                    .to(broker.url())) {

                await().atMost(Duration.ofSeconds(60)).until(() -> gauge.rows() >= 100 && gauge.stageAlerts() == 1);
                kawamori.kill(); // SIGKILL: no shutdown hook, no goodbye to the broker
                long storedAtKill = gauge.rows();

                kawamori.start();
                stream.awaitAllSent(Duration.ofSeconds(120));
                await().atMost(Duration.ofSeconds(90)).until(() -> gauge.rows() == MESSAGES);

                assertThat(storedAtKill)
                        .as("the kill came in the middle of the stream")
                        .isLessThan(STAGE_2_FROM);
                assertThat(gauge.distinctTimes()).as("no duplicates").isEqualTo(MESSAGES);
                assertThat(gauge.deadLetters()).as("no message refused").isZero();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> gauge.stageHistory().size() >= 2);
                assertThat(gauge.stageAlerts())
                        .as("one alert, not a new one after the restart")
                        .isEqualTo(1);
                assertThat(gauge.stageHistory()).containsExactly("OPENED 1", "ESCALATED 2");
            } finally {
                kawamori.stop();
            }
        }
    }
}
