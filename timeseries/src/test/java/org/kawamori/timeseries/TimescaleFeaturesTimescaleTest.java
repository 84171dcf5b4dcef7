package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.TagId;
import org.kawamori.timeseries.fixtures.TestDatabase;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The TimescaleDB mode on a real TimescaleDB: against {@code KAWAMORI_TIMESCALE_URL} (a JDBC URL of
 * the server's maintenance database, e.g. {@code jdbc:postgresql://host:5432/postgres?user=postgres})
 * when it is set, else in a Testcontainers container ({@value #IMAGE}) when Docker is available, else
 * the class is disabled (reported as skipped). The check for Docker is the one {@code
 * @Testcontainers(disabledWithoutDocker = true)} makes, done here in an {@code @EnabledIf} condition
 * so that the URL also works on a machine without Docker. The tests run the jobs themselves ({@code run_job}, {@code
 * refresh_continuous_aggregate}) instead of waiting for TimescaleDB's scheduler.
 */
@EnabledIf(
        value = "timescaleReachable",
        disabledReason = "neither KAWAMORI_TIMESCALE_URL nor Docker: TimescaleDB tests skipped")
class TimescaleFeaturesTimescaleTest {

    static final String IMAGE = "timescale/timescaledb:latest-pg16";

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final Instant T0 = Instant.parse("2025-07-01T10:00:00Z");

    private static PostgreSQLContainer<?> container;
    private static TestDatabase db;

    /** The class runs when a TimescaleDB server is configured or Docker can start one. */
    static boolean timescaleReachable() {
        return configuredUrl() != null || DockerClientFactory.instance().isDockerAvailable();
    }

    private static String configuredUrl() {
        String url = System.getenv("KAWAMORI_TIMESCALE_URL");
        return url == null || url.isBlank() ? null : url;
    }

    @BeforeAll
    static void startTimescale() {
        String url = configuredUrl();
        if (url == null) {
            container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"));
            container.start();
            url = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/postgres?user="
                    + container.getUsername() + "&password=" + container.getPassword();
        }
        db = TestDatabase.create(url);
        assertThat(db.database().timescaleAvailable())
                .as("the TimescaleDB server offers the timescaledb extension")
                .isTrue();
        assertThat(TimescaleFeatures.applyTo(db.database(), RetentionConfig.defaults()))
                .isEqualTo(StorageMode.TIMESCALEDB);
    }

    @AfterAll
    static void stopTimescale() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    @Test
    void readingAndDetectionAreHypertables() throws SQLException {
        assertThat(strings("select hypertable_name from timescaledb_information.hypertables"
                        + " where hypertable_schema = 'kawamori' order by 1"))
                .containsExactly("detection", "reading");
    }

    @Test
    void compressionRetentionAndRefreshJobsExist() throws SQLException {
        assertThat(strings("select hypertable_name from timescaledb_information.jobs"
                        + " where proc_name = 'policy_compression' and hypertable_schema = 'kawamori' order by 1"))
                .containsExactly("detection", "reading");
        assertThat(strings("select hypertable_name || ' ' || ((config ->> 'drop_after')::interval = interval '30 days')"
                        + " from timescaledb_information.jobs where proc_name = 'policy_retention'"
                        + " and hypertable_schema = 'kawamori'"))
                .containsExactly("detection true");
        assertThat(strings("select view_name from timescaledb_information.continuous_aggregates"
                        + " where view_schema = 'kawamori' order by 1"))
                .containsExactly("reading_1h_cagg", "reading_5m_cagg");
        assertThat(strings("select j.job_id::text from timescaledb_information.jobs j"
                        + " join timescaledb_information.continuous_aggregates a"
                        + " on a.materialization_hypertable_schema = j.hypertable_schema"
                        + " and a.materialization_hypertable_name = j.hypertable_name"
                        + " where j.proc_name = 'policy_refresh_continuous_aggregate' and a.view_schema = 'kawamori'"))
                .hasSize(2);
    }

    @Test
    void applyingAgainChangesNothingAndAChangedRetentionReplacesThePolicy() throws SQLException {
        int jobs =
                strings("select job_id::text from timescaledb_information.jobs").size();

        assertThat(TimescaleFeatures.applyTo(db.database(), RetentionConfig.defaults()))
                .isEqualTo(StorageMode.TIMESCALEDB);
        assertThat(strings("select job_id::text from timescaledb_information.jobs"))
                .hasSize(jobs);

        assertThat(TimescaleFeatures.applyTo(
                        db.database(), RetentionConfig.defaults().withDetections(Duration.ofDays(14))))
                .isEqualTo(StorageMode.TIMESCALEDB);
        assertThat(strings("select ((config ->> 'drop_after')::interval = interval '14 days')::text"
                        + " from timescaledb_information.jobs where proc_name = 'policy_retention'"
                        + " and hypertable_schema = 'kawamori'"))
                .containsExactly("true");
        TimescaleFeatures.applyTo(db.database(), RetentionConfig.defaults());
    }

    @Test
    void theRetentionJobDropsExpiredDetections() throws SQLException {
        TagId tag = new TagId("tag-retention");
        new TagRegistry(db.dataSource()).register(tag, KAKOGAWA, null, true);
        Instant now = Instant.now();
        DetectionStore detections = new DetectionStore(db.dataSource());
        detections.append(List.of(heard(tag, now.minus(Duration.ofDays(40))), heard(tag, now.minusSeconds(60))));

        runJob("policy_retention", "detection");

        assertThat(
                        strings(
                                "select count(*)::text from detection where tag_id = 'tag-retention' and time < now() - interval '31 days'"))
                .containsExactly("0");
        assertThat(detections.trail(tag, Instant.EPOCH, now, 10))
                .extracting(Detection::time)
                .containsExactly(now.minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void theContinuousAggregatesGiveTheNumbersOfBucketedReadings() throws SQLException {
        DeviceId gauge = givenGaugeWithKnownReadings("cagg-gauge");
        call("call refresh_continuous_aggregate('reading_5m_cagg', null, null)");
        call("call refresh_continuous_aggregate('reading_1h_cagg', null, null)");

        BucketedReadings fromReadings = new BucketedReadings(db.dataSource());
        BucketedReadings fromAggregates = BucketedReadings.preferringRollups(db.dataSource(), StorageMode.TIMESCALEDB);
        Instant from = T0.minus(Duration.ofHours(1));
        Instant to = T0.plus(Duration.ofHours(3));

        assertThat(fromAggregates.buckets(gauge, Quantity.WATER_LEVEL, Bucket.FIVE_MINUTES, from, to))
                .containsExactly(
                        new ReadingBucket(T0, 1.00, 1.50, 1.25, 3, 1.25),
                        new ReadingBucket(T0.plusSeconds(300), 1.75, 2.00, 1.875, 2, 1.75),
                        new ReadingBucket(T0.plusSeconds(3300), 3.00, 3.00, 3.00, 1, 3.00),
                        new ReadingBucket(T0.plusSeconds(3600), 0.50, 0.50, 0.50, 1, 0.50))
                .isEqualTo(fromReadings.buckets(gauge, Quantity.WATER_LEVEL, Bucket.FIVE_MINUTES, from, to));
        assertThat(fromAggregates.buckets(gauge, Quantity.WATER_LEVEL, Bucket.ONE_HOUR, from, to))
                .containsExactly(
                        new ReadingBucket(T0, 1.00, 3.00, 1.75, 6, 3.00),
                        new ReadingBucket(T0.plusSeconds(3600), 0.50, 0.50, 0.50, 1, 0.50))
                .isEqualTo(fromReadings.buckets(gauge, Quantity.WATER_LEVEL, Bucket.ONE_HOUR, from, to));
        assertThat(strings("select count(*)::text from reading_5m_cagg where device_id = 'cagg-gauge'"))
                .containsExactly("5"); // 4 level buckets, 1 battery bucket
    }

    @Test
    void timeBucketAndDateBinWithTheMondayOriginAgree() throws SQLException {
        assertThat(strings("select count(*)::text from generate_series(timestamptz '1999-12-01 00:00+00',"
                        + " timestamptz '2026-12-31 00:00+00', interval '7 hours 13 minutes') t"
                        + " where time_bucket(interval '1 day', t) <> date_bin(interval '1 day', t, "
                        + Bucket.SQL_ORIGIN + ")"
                        + " or time_bucket(interval '7 days', t) <> date_bin(interval '7 days', t, " + Bucket.SQL_ORIGIN
                        + ")"
                        + " or time_bucket(interval '1 hour', t) <> date_bin(interval '1 hour', t, " + Bucket.SQL_ORIGIN
                        + ")"
                        + " or time_bucket(interval '5 minutes', t) <> date_bin(interval '5 minutes', t, "
                        + Bucket.SQL_ORIGIN + ")"))
                .containsExactly("0");
    }

    @Test
    void compressedReadingsStayReadableAndRedeliveriesStayIdempotent() throws SQLException {
        DeviceId gauge = givenGaugeWithKnownReadings("compressed-gauge");
        List<ReadingBucket> before = new BucketedReadings(db.dataSource())
                .buckets(gauge, Quantity.WATER_LEVEL, Bucket.ONE_HOUR, T0, T0.plus(Duration.ofHours(2)));

        runJob("policy_compression", "reading");

        assertThat(strings("select count(*)::text from timescaledb_information.chunks"
                        + " where hypertable_schema = 'kawamori' and hypertable_name = 'reading' and is_compressed"))
                .isNotEqualTo(List.of("0"));
        assertThat(new BucketedReadings(db.dataSource())
                        .buckets(gauge, Quantity.WATER_LEVEL, Bucket.ONE_HOUR, T0, T0.plus(Duration.ofHours(2))))
                .isEqualTo(before);
        assertThat(new PostgresReadingStore(db.dataSource())
                        .append(List.of(new Reading(gauge, KAKOGAWA, T0, Quantity.WATER_LEVEL, 1.00))))
                .isZero();
    }

    @Test
    void theBatchedWriterCopiesIntoTheHypertableAndSkipsRowsOfCompressedChunks() throws Exception {
        DeviceId gauge = givenGaugeWithKnownReadings("writer-gauge");
        runJob("policy_compression", "reading");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (BatchedWriter<Reading> writer =
                BatchedWriter.readings(db.dataSource(), WriterConfig.defaults().withMaxDelay(Duration.ofMillis(200)))) {
            var redelivered = writer.submit(List.of(new Reading(gauge, KAKOGAWA, T0, Quantity.WATER_LEVEL, 1.00)));
            var fresh = writer.submit(List.of(
                    new Reading(gauge, KAKOGAWA, now, Quantity.WATER_LEVEL, 1.10),
                    new Reading(gauge, KAKOGAWA, now, Quantity.BATTERY, 88)));

            assertThat(redelivered.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isZero();
            assertThat(fresh.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(writer.write(
                            List.of(new Reading(gauge, KAKOGAWA, now.plusSeconds(60), Quantity.WATER_LEVEL, 1.2))))
                    .as("a later message")
                    .isEqualTo(1);
        }
        assertThat(strings("select count(*)::text from reading where device_id = 'writer-gauge'"))
                .containsExactly("11");
    }

    private static DeviceId givenGaugeWithKnownReadings(String id) {
        new PostgresSensorRegistry(db.dataSource(), 1_000)
                .register(givenSensor(id).gauge().build(), Optional.empty());
        DeviceId gauge = DeviceId.of(id);
        List<Reading> readings = new ArrayList<>();
        double[][] known = {
            {0, 1.00}, {150, 1.50}, {299.999, 1.25}, {300, 2.00}, {420, 1.75}, {3599.999999, 3.00}, {3600, 0.50}
        };
        for (double[] k : known) {
            readings.add(new Reading(
                    gauge, KAKOGAWA, T0.plusNanos(Math.round(k[0] * 1_000_000) * 1_000), Quantity.WATER_LEVEL, k[1]));
        }
        readings.add(new Reading(gauge, KAKOGAWA, T0.plusSeconds(60), Quantity.BATTERY, 90));
        new PostgresReadingStore(db.dataSource()).append(readings);
        return gauge;
    }

    private static Detection heard(TagId tag, Instant time) {
        return new Detection(
                tag, KAKOGAWA, DeviceId.of("cam-0001"), KAKOGAWA, time, new GeoPoint(34.75, 134.84), 20, -70);
    }

    private static void runJob(String proc, String hypertable) throws SQLException {
        List<String> ids = strings("select job_id::text from timescaledb_information.jobs where proc_name = '" + proc
                + "' and hypertable_schema = 'kawamori' and hypertable_name = '" + hypertable + "'");
        assertThat(ids).hasSize(1);
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement call = c.prepareStatement("call run_job(?)")) {
            call.setInt(1, Integer.parseInt(ids.get(0)));
            call.execute();
        }
    }

    private static void call(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement call = c.prepareStatement(sql)) {
            call.execute();
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(sql);
                ResultSet rows = q.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
