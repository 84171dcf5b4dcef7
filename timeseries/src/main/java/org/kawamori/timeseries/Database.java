package org.kawamori.timeseries;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.kawamori.core.Municipalities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database as the rest of Kawamori sees it: a connection pool on a schema that is migrated to
 * the current version. Starting it connects, runs the versioned migrations of {@code
 * classpath:db/migration} (Flyway), brings the basin's municipalities up to date and detects whether
 * TimescaleDB is available. It fails at once when the database cannot be reached, so that a
 * misconfigured instance does not come up half-working.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private static final String MIGRATIONS = "classpath:db/migration";

    private final DatabaseConfig config;
    private final HikariDataSource pool;
    private final boolean timescaleAvailable;

    /**
     * Connects, migrates and seeds.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated; nothing is left
     *     open
     */
    public Database(DatabaseConfig config) {
        this.config = config;
        try {
            this.pool = newPool(config, true);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to " + config.maskedUrl() + ": " + Failures.describe(e), e);
        }
        try {
            MigrateResult migrated = migrate(pool, config.schema());
            int municipalities = seedMunicipalities(pool);
            this.timescaleAvailable = detectTimescale(pool);
            LOG.info(
                    "database {} (schema {}) at version {}, {} migration(s) applied, {} municipalities; {}",
                    config.maskedUrl(),
                    config.schema(),
                    migrated.targetSchemaVersion != null ? migrated.targetSchemaVersion : migrated.initialSchemaVersion,
                    migrated.migrationsExecuted,
                    municipalities,
                    timescaleAvailable
                            ? "TimescaleDB is available: TimescaleDB mode"
                            : "TimescaleDB is not available: plain PostgreSQL mode");
        } catch (RuntimeException | SQLException e) {
            pool.close();
            throw new IllegalStateException(
                    "cannot prepare the database " + config.maskedUrl() + ": " + Failures.describe(e), e);
        }
    }

    /**
     * The pool for {@code config}. With {@code failFast} it connects once at once and throws when it
     * cannot; otherwise it connects on first use (for tests of an unreachable database).
     */
    static HikariDataSource newPool(DatabaseConfig config, boolean failFast) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("kawamori-db");
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.maximumPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.maximumPoolSize()));
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(
                Math.min(config.connectionTimeout().toMillis(), DatabaseHealth.VALID_TIMEOUT_SECONDS * 1000L));
        hikari.setInitializationFailTimeout(failFast ? 1 : -1);
        // the driver sets the search path on every new connection; a URL parameter would win
        hikari.addDataSourceProperty("currentSchema", config.schema() + ",public");
        hikari.addDataSourceProperty("ApplicationName", "kawamori");
        hikari.addDataSourceProperty(
                "connectTimeout",
                String.valueOf(Math.max(1, config.connectionTimeout().toSeconds())));
        return new HikariDataSource(hikari);
    }

    private static MigrateResult migrate(DataSource dataSource, String schema) {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .cleanDisabled(true)
                .load()
                .migrate();
    }

    /** Inserts the basin's municipalities and corrects changed names; returns how many there are. */
    private static int seedMunicipalities(DataSource dataSource) throws SQLException {
        String upsert = "insert into municipality (code, name_ja, name_en) values (?, ?, ?)"
                + " on conflict (code) do update set name_ja = excluded.name_ja, name_en = excluded.name_en"
                + " where (municipality.name_ja, municipality.name_en)"
                + " is distinct from (excluded.name_ja, excluded.name_en)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(upsert)) {
            c.setAutoCommit(false);
            try {
                for (Municipalities.Municipality m : Municipalities.kakogawaBasin()) {
                    insert.setString(1, m.code().value());
                    insert.setString(2, m.nameJa());
                    insert.setString(3, m.nameEn());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return Municipalities.kakogawaBasin().size();
    }

    private static boolean detectTimescale(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select 1 from pg_available_extensions where name = ?")) {
            query.setString(1, "timescaledb");
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The pooled connections; every store of this module takes it. */
    public DataSource dataSource() {
        return pool;
    }

    /** Whether the server offers the TimescaleDB extension (detected at start; not necessarily installed). */
    public boolean timescaleAvailable() {
        return timescaleAvailable;
    }

    public DatabaseConfig config() {
        return config;
    }

    /** Closes the pool. */
    @Override
    public void close() {
        pool.close();
        LOG.info("database {} closed", config.maskedUrl());
    }
}
