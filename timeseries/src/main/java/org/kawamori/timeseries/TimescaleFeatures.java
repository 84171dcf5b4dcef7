package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TimescaleDB-only part of the schema, applied from Java after the Flyway migrations when the
 * server offers the extension: the extension itself, hypertables for {@code reading} (existing rows
 * migrated) and {@code detection}, compression with policies, a retention policy that drops old
 * detection chunks, and the continuous aggregates {@code reading_5m_cagg} and {@code reading_1h_cagg}
 * ({@code time_bucket}, real-time) with refresh policies. Every step is idempotent ({@code
 * if_not_exists}), so it runs at every start; a changed detection retention replaces the policy.
 *
 * <p>It decides the {@link StorageMode}: {@link StorageMode#TIMESCALEDB} only when every step worked.
 * When the extension is missing, cannot be created (not preloaded, no privilege) or a step fails (e.g.
 * an Apache-only build without compression), it logs why and answers {@link
 * StorageMode#PLAIN_POSTGRESQL}: the application then keeps rollups and retention itself, which is
 * correct on hypertables too.
 *
 * <p>Detection chunks span one day, so the retention policy drops a detection at most one day after
 * it expired (TimescaleDB drops whole chunks only).
 */
public final class TimescaleFeatures {

    private static final Logger LOG = LoggerFactory.getLogger(TimescaleFeatures.class);

    static final String READING_5M_CAGG = "reading_5m_cagg";
    static final String READING_1H_CAGG = "reading_1h_cagg";

    private static final String CREATE_EXTENSION = "create extension if not exists timescaledb";

    private static final String READING_HYPERTABLE = "select create_hypertable('reading', 'time',"
            + " chunk_time_interval => interval '7 days', if_not_exists => true, migrate_data => true)";

    /** No default time index: V2 has {@code detection_time} already. */
    private static final String DETECTION_HYPERTABLE = "select create_hypertable('detection', 'time',"
            + " chunk_time_interval => interval '1 day', create_default_indexes => false,"
            + " if_not_exists => true, migrate_data => true)";

    private static final String COMPRESSION_ENABLED = "select compression_enabled from"
            + " timescaledb_information.hypertables where hypertable_schema = current_schema() and hypertable_name = ?";

    private static final String READING_COMPRESSION = "alter table reading set (timescaledb.compress,"
            + " timescaledb.compress_segmentby = 'device_id, quantity', timescaledb.compress_orderby = 'time desc')";

    private static final String DETECTION_COMPRESSION = "alter table detection set (timescaledb.compress,"
            + " timescaledb.compress_segmentby = 'tag_id', timescaledb.compress_orderby = 'time desc, gateway_id')";

    private static final String READING_COMPRESSION_POLICY =
            "select add_compression_policy('reading', compress_after => interval '7 days', if_not_exists => true)";

    private static final String DETECTION_COMPRESSION_POLICY =
            "select add_compression_policy('detection', compress_after => interval '3 days', if_not_exists => true)";

    private static final String STALE_RETENTION_POLICY = "select job_id from timescaledb_information.jobs"
            + " where proc_name = 'policy_retention' and hypertable_schema = current_schema()"
            + " and hypertable_name = 'detection'"
            + " and (config ->> 'drop_after')::interval is distinct from make_interval(secs => ?)";

    private static final String REMOVE_RETENTION_POLICY =
            "select remove_retention_policy('detection', if_exists => true)";

    private static final String ADD_RETENTION_POLICY = "select add_retention_policy('detection',"
            + " drop_after => make_interval(secs => ?), if_not_exists => true)";

    private static final String CAGG_EXISTS = "select 1 from timescaledb_information.continuous_aggregates"
            + " where view_schema = current_schema() and view_name = ?";

    private static final String READING_5M_VIEW = cagg(READING_5M_CAGG, "5 minutes");
    private static final String READING_1H_VIEW = cagg(READING_1H_CAGG, "1 hour");

    private static final String READING_5M_REFRESH_POLICY = "select add_continuous_aggregate_policy('"
            + READING_5M_CAGG + "', start_offset => interval '1 day', end_offset => interval '5 minutes',"
            + " schedule_interval => interval '1 minute', if_not_exists => true)";

    private static final String READING_1H_REFRESH_POLICY = "select add_continuous_aggregate_policy('"
            + READING_1H_CAGG + "', start_offset => interval '3 days', end_offset => interval '1 hour',"
            + " schedule_interval => interval '15 minutes', if_not_exists => true)";

    private final DataSource dataSource;
    private final RetentionConfig retention;

    public TimescaleFeatures(DataSource dataSource, RetentionConfig retention) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** Applies the features to a started database when it offers TimescaleDB; returns the mode to use. */
    public static StorageMode applyTo(Database database, RetentionConfig retention) {
        return new TimescaleFeatures(database.dataSource(), retention).apply(database.timescaleAvailable());
    }

    /**
     * A continuous aggregate over {@code reading}; both arguments are the constants above. Real-time
     * ({@code materialized_only = false}): buckets after the last refresh are computed from {@code reading}.
     */
    private static String cagg(String name, String width) {
        return "create materialized view if not exists " + name
                + " with (timescaledb.continuous, timescaledb.materialized_only = false) as"
                + " select device_id, quantity, time_bucket(interval '" + width + "', time) as bucket,"
                + " max(municipality) as municipality, min(value) as min, max(value) as max, avg(value) as avg,"
                + " count(*) as count, last(value, time) as last"
                + " from reading group by device_id, quantity, bucket with no data";
    }

    /**
     * Applies the TimescaleDB features when {@code timescaleAvailable} (see {@link
     * Database#timescaleAvailable()}) and logs the mode.
     */
    public StorageMode apply(boolean timescaleAvailable) {
        if (!timescaleAvailable) {
            LOG.info("storage mode: plain PostgreSQL (TimescaleDB is not offered by the server);"
                    + " rollups and retention are kept by the application");
            return StorageMode.PLAIN_POSTGRESQL;
        }
        String step = "create the timescaledb extension";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            execute(c, CREATE_EXTENSION);
            step = "create the hypertables";
            execute(c, READING_HYPERTABLE);
            execute(c, DETECTION_HYPERTABLE);
            step = "enable compression";
            compress(c, "reading", READING_COMPRESSION);
            compress(c, "detection", DETECTION_COMPRESSION);
            execute(c, READING_COMPRESSION_POLICY);
            execute(c, DETECTION_COMPRESSION_POLICY);
            step = "add the detection retention policy";
            retentionPolicy(c);
            step = "create the continuous aggregates";
            continuousAggregate(c, READING_5M_CAGG, READING_5M_VIEW);
            continuousAggregate(c, READING_1H_CAGG, READING_1H_VIEW);
            execute(c, READING_5M_REFRESH_POLICY);
            execute(c, READING_1H_REFRESH_POLICY);
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "storage mode: plain PostgreSQL; TimescaleDB is offered but could not {}: {}."
                            + " Rollups and retention are kept by the application",
                    step,
                    Failures.describe(e));
            return StorageMode.PLAIN_POSTGRESQL;
        }
        LOG.info(
                "storage mode: TimescaleDB (hypertables reading and detection, compression, detection retention {},"
                        + " continuous aggregates {} and {})",
                retention.detections(),
                READING_5M_CAGG,
                READING_1H_CAGG);
        return StorageMode.TIMESCALEDB;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Compression settings cannot be changed while chunks are compressed: set them once. */
    private static void compress(Connection c, String table, String alter) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(COMPRESSION_ENABLED)) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next() && rows.getBoolean(1)) {
                    return;
                }
            }
        }
        execute(c, alter);
    }

    private void retentionPolicy(Connection c) throws SQLException {
        double seconds = retention.detections().toSeconds();
        try (PreparedStatement stale = c.prepareStatement(STALE_RETENTION_POLICY)) {
            stale.setDouble(1, seconds);
            try (ResultSet rows = stale.executeQuery()) {
                if (rows.next()) {
                    LOG.info(
                            "detection retention changed to {}: replacing the retention policy",
                            retention.detections());
                    execute(c, REMOVE_RETENTION_POLICY);
                }
            }
        }
        try (PreparedStatement add = c.prepareStatement(ADD_RETENTION_POLICY)) {
            add.setDouble(1, seconds);
            add.execute();
        }
    }

    private static void continuousAggregate(Connection c, String name, String create) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement(CAGG_EXISTS)) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        execute(c, create);
    }
}
