package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.timeseries.fixtures.OnBothServers;

/** The application's rollups and the bucketed range query, with readings whose numbers are exact in binary. */
class RollupTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final DeviceId GAUGE = DeviceId.of("kunikane");

    private PostgresReadingStore readings;
    private RollupMaintainer rollups;
    private BucketedReadings fromReadings;

    @BeforeEach
    void givenKnownReadings() {
        new PostgresSensorRegistry(db.dataSource(), 1_000)
                .register(givenSensor("kunikane").gauge().build(), Optional.empty());
        new PostgresSensorRegistry(db.dataSource(), 1_000)
                .register(givenSensor("other").gauge().build(), Optional.empty());
        readings = new PostgresReadingStore(db.dataSource());
        rollups = new RollupMaintainer(db.dataSource());
        fromReadings = new BucketedReadings(db.dataSource());
        readings.append(List.of(
                level("10:00:00", 1.00),
                level("10:02:30", 1.50),
                level("10:04:59.999", 1.25),
                level("10:05:00", 2.00),
                level("10:07:00", 1.75),
                level("10:59:59.999999", 3.00),
                level("11:00:00", 0.50),
                new Reading(GAUGE, KAKOGAWA, at("10:01:00"), Quantity.BATTERY, 90),
                new Reading(DeviceId.of("other"), KAKOGAWA, at("10:01:00"), Quantity.WATER_LEVEL, 9)));
    }

    @Test
    void fiveMinuteRollupsHoldExactNumbersAndRespectTheBucketEdges() throws SQLException {
        rollups.recompute(at("10:00:00"), at("11:05:00"));

        assertThat(rollupRows("reading_5m", "level"))
                .containsExactly(
                        new ReadingBucket(at("10:00:00"), 1.00, 1.50, 1.25, 3, 1.25),
                        new ReadingBucket(at("10:05:00"), 1.75, 2.00, 1.875, 2, 1.75),
                        new ReadingBucket(at("10:55:00"), 3.00, 3.00, 3.00, 1, 3.00),
                        new ReadingBucket(at("11:00:00"), 0.50, 0.50, 0.50, 1, 0.50));
        assertThat(rollupRows("reading_5m", "battery"))
                .containsExactly(new ReadingBucket(at("10:00:00"), 90, 90, 90, 1, 90));
    }

    @Test
    void hourRollupsHoldExactNumbers() throws SQLException {
        rollups.recompute(at("10:00:00"), at("11:05:00"));

        assertThat(rollupRows("reading_1h", "level"))
                .containsExactly(
                        new ReadingBucket(at("10:00:00"), 1.00, 3.00, 1.75, 6, 3.00),
                        new ReadingBucket(at("11:00:00"), 0.50, 0.50, 0.50, 1, 0.50));
    }

    @Test
    void rollupRowsCarryTheMunicipality() throws SQLException {
        rollups.recompute(at("10:00:00"), at("11:05:00"));

        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(
                        "select distinct municipality from reading_5m union select municipality from reading_1h");
                ResultSet rows = q.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("282103");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void recomputingIsIdempotentAndTakesInLateReadings() throws SQLException {
        int first = rollups.recompute(at("10:00:00"), at("11:05:00"));
        List<ReadingBucket> before = rollupRows("reading_5m", "level");

        assertThat(first)
                .isEqualTo(4 + 1 + 1 + 2 + 1 + 1); // 5 min: 4 level, battery, other; 1 h: 2 level, battery, other
        assertThat(rollups.recompute(at("10:00:00"), at("11:05:00"))).isZero();
        assertThat(rollupRows("reading_5m", "level")).isEqualTo(before);

        readings.append(List.of(level("10:03:00", 0.0)));

        assertThat(rollups.recompute(at("10:03:00"), at("10:03:01"))).isEqualTo(2);
        assertThat(rollupRows("reading_5m", "level").get(0))
                .isEqualTo(new ReadingBucket(at("10:00:00"), 0.0, 1.50, 0.9375, 4, 1.25));
        assertThat(rollupRows("reading_1h", "level").get(0))
                .isEqualTo(new ReadingBucket(at("10:00:00"), 0.0, 3.00, 1.5, 7, 3.00));
    }

    @Test
    void recomputeLastCoversTheWholeBucketsOfTheWindow() throws SQLException {
        RollupMaintainer scheduled = new RollupMaintainer(
                db.dataSource(), Clock.fixed(Instant.parse("2026-07-01T10:06:00Z"), ZoneOffset.UTC));

        scheduled.recomputeLast(Duration.ofMinutes(1));

        assertThat(rollupRows("reading_5m", "level"))
                .extracting(ReadingBucket::start)
                .containsExactly(at("10:05:00"));
        assertThat(rollupRows("reading_1h", "level"))
                .extracting(ReadingBucket::start)
                .containsExactly(at("10:00:00"));
        assertThat(rollupRows("reading_1h", "level").get(0).count()).isEqualTo(6);
    }

    @Test
    void bucketedReadingsGiveTheSameNumbersAsTheRollups() throws SQLException {
        rollups.recompute(at("09:00:00"), at("12:00:00"));

        assertThat(fromReadings.buckets(
                        GAUGE, Quantity.WATER_LEVEL, Bucket.FIVE_MINUTES, at("09:00:00"), at("12:00:00")))
                .isEqualTo(rollupRows("reading_5m", "level"));
        assertThat(fromReadings.buckets(GAUGE, Quantity.WATER_LEVEL, Bucket.ONE_HOUR, at("09:00:00"), at("12:00:00")))
                .isEqualTo(rollupRows("reading_1h", "level"));
        BucketedReadings fromRollups =
                BucketedReadings.preferringRollups(db.dataSource(), StorageMode.PLAIN_POSTGRESQL);
        for (Bucket bucket : Bucket.values()) {
            assertThat(fromRollups.buckets(GAUGE, Quantity.WATER_LEVEL, bucket, at("09:00:00"), at("12:00:00")))
                    .as(bucket.name())
                    .isEqualTo(
                            fromReadings.buckets(GAUGE, Quantity.WATER_LEVEL, bucket, at("09:00:00"), at("12:00:00")));
        }
    }

    @Test
    void aRangeSelectsWholeBuckets() {
        assertThat(fromReadings.buckets(
                        GAUGE, Quantity.WATER_LEVEL, Bucket.FIVE_MINUTES, at("10:06:00"), at("10:06:01")))
                .containsExactly(new ReadingBucket(at("10:05:00"), 1.75, 2.00, 1.875, 2, 1.75));
        assertThat(fromReadings.buckets(
                        GAUGE, Quantity.WATER_LEVEL, Bucket.FIVE_MINUTES, at("10:05:00"), at("10:05:00")))
                .isEmpty();
        assertThat(fromReadings.buckets(GAUGE, Quantity.WATER_LEVEL, Bucket.ONE_HOUR, Instant.MIN, Instant.MAX))
                .hasSize(2);
    }

    @Test
    void dayBucketsStartAtMidnightUtc() {
        readings.append(List.of(
                new Reading(GAUGE, KAKOGAWA, Instant.parse("2026-07-01T23:59:59.999999Z"), Quantity.WATER_LEVEL, 4.0),
                new Reading(GAUGE, KAKOGAWA, Instant.parse("2026-07-02T00:00:00Z"), Quantity.WATER_LEVEL, 5.0)));

        assertThat(fromReadings.buckets(
                        GAUGE,
                        Quantity.WATER_LEVEL,
                        Bucket.ONE_DAY,
                        at("00:00:00"),
                        at("00:00:00").plus(Duration.ofDays(2))))
                .containsExactly(
                        new ReadingBucket(Instant.parse("2026-07-01T00:00:00Z"), 0.5, 4.0, 1.875, 8, 4.0),
                        new ReadingBucket(Instant.parse("2026-07-02T00:00:00Z"), 5.0, 5.0, 5.0, 1, 5.0));
    }

    /**
     * TimescaleDB's time_bucket uses 2000-01-03 00:00 UTC (a Monday) as the origin for widths under a
     * month: date_bin with that origin must give the bucket starts time_bucket gives, i.e. midnights UTC
     * for days and Mondays for weeks, also before the origin; and Bucket.floor must agree.
     */
    @Test
    void dateBinWithTheMondayOriginGivesTheBucketsOfTimeBucket() throws SQLException {
        assertThat(dateBin("7 days", "2026-07-01T10:00:00Z")).isEqualTo("2026-06-29T00:00:00Z"); // a Monday
        assertThat(dateBin("7 days", "1999-12-31T10:00:00Z")).isEqualTo("1999-12-27T00:00:00Z"); // a Monday
        assertThat(dateBin("1 day", "2026-07-01T23:59:59.999999Z")).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(dateBin("1 day", "1970-01-01T12:00:00Z")).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(dateBin("1 hour", "2026-07-01T10:59:59.999999Z")).isEqualTo("2026-07-01T10:00:00Z");
        assertThat(dateBin("5 minutes", "2026-07-01T10:04:59.999Z")).isEqualTo("2026-07-01T10:00:00Z");
        assertThat(dateBin("5 minutes", "2026-07-01T10:05:00Z")).isEqualTo("2026-07-01T10:05:00Z");

        List<Instant> samples = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200; i++) {
            samples.add(Instant.ofEpochSecond(
                    random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000) * 1_000L));
        }
        for (Bucket bucket : Bucket.values()) {
            for (Instant sample : samples) {
                assertThat(bucket.floor(sample).toString())
                        .as(bucket + " " + sample)
                        .isEqualTo(dateBin(bucket.sqlInterval(), sample.toString()));
            }
        }
    }

    private static String dateBin(String width, String time) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(
                        "select date_bin(cast(? as interval), cast(? as timestamptz), " + Bucket.SQL_ORIGIN + ")")) {
            q.setString(1, width);
            q.setString(2, time);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getObject(1, java.time.OffsetDateTime.class)
                        .toInstant()
                        .toString();
            }
        }
    }

    private static List<ReadingBucket> rollupRows(String table, String quantity) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("select bucket, min, max, avg, count, last from " + table
                        + " where device_id = 'kunikane' and quantity = ? order by bucket")) {
            q.setString(1, quantity);
            List<ReadingBucket> rows = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows.add(new ReadingBucket(
                            r.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                            r.getDouble(2),
                            r.getDouble(3),
                            r.getDouble(4),
                            r.getLong(5),
                            r.getDouble(6)));
                }
            }
            return rows;
        }
    }

    private static Instant at(String timeOfDay) {
        return Instant.parse("2026-07-01T" + timeOfDay + "Z");
    }

    private static Reading level(String timeOfDay, double metres) {
        return new Reading(GAUGE, KAKOGAWA, at(timeOfDay), Quantity.WATER_LEVEL, metres);
    }
}
