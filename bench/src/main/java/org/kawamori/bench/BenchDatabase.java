package org.kawamori.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.EmbeddedDatabase;

/** The database the benchmark runs on: a fresh schema of its own, dropped when it is closed. */
final class BenchDatabase implements AutoCloseable {

    private final EmbeddedDatabase embedded;
    private final Path embeddedDirectory;
    private final DatabaseConfig config;
    private final Database database;

    private BenchDatabase(EmbeddedDatabase embedded, Path embeddedDirectory, DatabaseConfig config)
            throws SQLException {
        this.embedded = embedded;
        this.embeddedDirectory = embeddedDirectory;
        this.config = config;
        dropSchema();
        this.database = new Database(config);
    }

    static BenchDatabase open(String dbUrl) throws IOException, SQLException {
        if (dbUrl == null) {
            Path directory = Files.createTempDirectory("kawamori-bench-pg");
            EmbeddedDatabase server = EmbeddedDatabase.start(directory.resolve("data"));
            return new BenchDatabase(server, directory, server.config().withSchema(StoreOptions.SCHEMA));
        }
        return new BenchDatabase(null, null, DatabaseConfig.fromJdbcUrl(dbUrl).withSchema(StoreOptions.SCHEMA));
    }

    Database database() {
        return database;
    }

    /** e.g. "PostgreSQL 15.14 (embedded), plain PostgreSQL mode". */
    String describe() throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("show server_version")) {
            rows.next();
            return "PostgreSQL " + rows.getString(1) + (embedded != null ? " (embedded)" : "") + ", "
                    + (database.timescaleAvailable() ? "TimescaleDB mode" : "plain PostgreSQL mode") + ", "
                    + config.maskedUrl();
        }
    }

    @Override
    public void close() throws Exception {
        database.close();
        dropSchema();
        if (embedded != null) {
            embedded.close();
            try (Stream<Path> paths = Files.walk(embeddedDirectory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void dropSchema() throws SQLException {
        Properties login = new Properties();
        if (config.user() != null) {
            login.setProperty("user", config.user());
        }
        if (config.password() != null) {
            login.setProperty("password", config.password());
        }
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), login);
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + StoreOptions.SCHEMA + " cascade");
        }
    }
}
