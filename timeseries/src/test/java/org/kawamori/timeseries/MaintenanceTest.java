package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.NoticeDeadLetters;
import org.kawamori.timeseries.fixtures.OnBothServers;

class MaintenanceTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final Duration FAST = Duration.ofMillis(100);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void givenAReadingAndAnOldAndANewDetection() {
        new PostgresSensorRegistry(db.dataSource(), 1_000)
                .register(givenSensor("kunikane").gauge().build(), Optional.empty());
        new PostgresReadingStore(db.dataSource())
                .append(List.of(new Reading(
                        DeviceId.of("kunikane"), KAKOGAWA, now.minusSeconds(30), Quantity.WATER_LEVEL, 1.5)));
        new DetectionStore(db.dataSource())
                .append(List.of(heard(now.minus(Duration.ofDays(31))), heard(now.minusSeconds(30))));
    }

    @Test
    void withoutTimescaleTheRollupsAndTheRetentionRunOnSchedule() {
        try (Maintenance maintenance = maintenance(StorageMode.PLAIN_POSTGRESQL).start()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(count("select count(*) from reading_5m")).isEqualTo(1);
                assertThat(count("select count(*) from reading_1h")).isEqualTo(1);
                assertThat(count("select count(*) from detection")).isEqualTo(1);
            });
        }
    }

    @Test
    void withTimescaleOnlyDeadLettersAreLeftToTheApplication() throws Exception {
        PostgresNoticeDeadLetters letters = new PostgresNoticeDeadLetters(db.dataSource());
        letters.record(new NoticeDeadLetters.Letter(
                "alert-1-1",
                1,
                "river-stage",
                AlertTransition.OPENED,
                "webhook",
                "503",
                5,
                now.minus(Duration.ofDays(91))));
        letters.record(new NoticeDeadLetters.Letter(
                "alert-1-2", 1, "river-stage", AlertTransition.CLEARED, "webhook", "503", 5, now));

        try (Maintenance maintenance = maintenance(StorageMode.TIMESCALEDB).start()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(letters.recent(10))
                    .extracting(NoticeDeadLetters.Letter::key)
                    .containsExactly("alert-1-2"));
        }
        assertThat(count("select count(*) from reading_5m")).isZero();
        assertThat(count("select count(*) from detection")).isEqualTo(2);
    }

    @Test
    void closingTwiceIsHarmlessAndStartingTwiceIsRefused() {
        Maintenance maintenance = maintenance(StorageMode.PLAIN_POSTGRESQL).start();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(maintenance::start)
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            maintenance.close();
            maintenance.close();
        }
    }

    private static Maintenance maintenance(StorageMode mode) {
        return new Maintenance(
                new RollupMaintainer(db.dataSource()),
                new RetentionJob(db.dataSource(), RetentionConfig.defaults()),
                mode,
                FAST,
                Duration.ofMinutes(10),
                FAST);
    }

    private static Detection heard(Instant time) {
        return new Detection(
                new TagId("tag-a1"),
                KAKOGAWA,
                DeviceId.of("cam-0001"),
                KAKOGAWA,
                time,
                new GeoPoint(34.75, 134.84),
                20,
                -70);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
