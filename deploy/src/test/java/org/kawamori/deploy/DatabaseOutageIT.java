package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.GaugeRecord;
import org.kawamori.deploy.fixtures.GaugeStream;
import org.kawamori.deploy.fixtures.KawamoriJar;
import org.kawamori.deploy.fixtures.PrivateMosquitto;
import org.kawamori.deploy.fixtures.PrivatePostgres;

/**
 * PostgreSQL stopped for 30 s in the middle of a QoS 1 stream, then started again on the same port and
 * data: the packaged app keeps the messages it could not commit unacknowledged (the broker holds
 * them), recovers by itself, and in the end holds exactly one row per message; the gauge crossed stage
 * 1 while the database was down, and exactly one alert opens, once. The broker and the database are
 * the test's own, never the machine's (runs after {@code package}, failsafe).
 */
class DatabaseOutageIT {

    private static final int MESSAGES = 2_000;
    private static final int CROSSING = 1_000; // stage 1 (1.50 m) is crossed here, while the database is down
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void aThirtySecondDatabaseOutageMidStreamLosesNothingDuplicatesNothingAndOpensTheStageAlertOnce() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.started();
                PrivatePostgres postgres = PrivatePostgres.started()) {
            KawamoriJar kawamori = KawamoriJar.on(broker.url(), postgres.jdbcUrl())
                    .withStages("demo-gauge-1", "1:1.50,2:2.60,3:3.30,4:4.00,5:4.80")
                    .start();
            GaugeRecord gauge = GaugeRecord.of("demo-gauge-1", postgres.jdbcUrl());
            try (GaugeStream stream = GaugeStream.of("demo-gauge-1", MESSAGES)
                    .levels(i -> i < CROSSING ? 1.0 : 1.8)
                    .every(Duration.ofMillis(20))
                    .to(broker.url())) {

                await().atMost(Duration.ofSeconds(60)).until(() -> gauge.rows() >= 200);
                postgres.stop();
                int sentAtStop = stream.sent();
                Instant stopped = Instant.now();
                await().atMost(OUTAGE.plusSeconds(5)).until(() -> !Instant.now().isBefore(stopped.plus(OUTAGE)));
                int sentInOutage = stream.sent() - sentAtStop;
                postgres.start();

                stream.awaitAllSent(Duration.ofSeconds(120));
                await().atMost(Duration.ofSeconds(120)).until(() -> gauge.rows() == MESSAGES);

                assertThat(sentAtStop)
                        .as("the outage began before the crossing")
                        .isLessThan(CROSSING);
                assertThat(sentAtStop + sentInOutage)
                        .as("the crossing came during the outage")
                        .isGreaterThan(CROSSING);
                assertThat(kawamori.output())
                        .as("the app felt the outage and left what it could not commit unacknowledged")
                        .anyMatch(line -> line.contains("it stays unacknowledged"));
                assertThat(kawamori.isAlive()).isTrue();
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
