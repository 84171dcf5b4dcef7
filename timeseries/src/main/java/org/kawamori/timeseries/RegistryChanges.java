package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the in-memory registry lookups ({@link RegistryCache}) true to the database, for this
 * instance and every other one on the same schema.
 *
 * <pre>
 *  admin API, registry command, plain SQL ──commit──► trigger (one per statement, migrations V9, V10)
 *        on device, gateway, tag, alert_setting,      pg_notify('kawamori_registry', 'schema.table')
 *        watch_rule                                               │
 *  RegistryChanges: a connection of its own, LISTEN ◄─────────────┘
 *     │ a notification for a table of our schema ──► that table's caches emptied, its reactions run
 *     │                                              (onChange: the alert rules are read again)
 *     │ every second: wait for notifications; every 5 s: "select 1" (a dead server is noticed)
 *     │ connection lost ──► every cache emptied and bypassed (lookups go to the database)
 *     └ reconnects after 1 s, doubling up to 10 s; LISTEN, then the caches are emptied once more
 *       and every reaction runs (changes while away were not heard), and the caches are used again
 * </pre>
 *
 * <p>A lookup that began before a change and ends after it never stores its (old) answer: each
 * cache counts its emptyings, and an answer is kept only when the count did not move during the
 * lookup. Changes this instance makes itself are also applied at once through {@link #changed},
 * before the notification comes back.
 */
public final class RegistryChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryChanges.class);

    /** The channel the V9 triggers notify. */
    static final String CHANNEL = "kawamori_registry";

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration PROBE_EVERY = Duration.ofSeconds(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    private final DatabaseConfig config;
    private final Map<String, List<RegistryCache<?, ?>>> cachesByTable = new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> reactionsByTable = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean listening;
    private volatile boolean closed;
    private volatile Connection connection;
    private final AtomicLong heard = new AtomicLong();

    private RegistryChanges(DatabaseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = new Thread(this::listen, "kawamori-registry-changes");
        this.listener.setDaemon(true);
    }

    /** Starts listening; until the first LISTEN succeeds, the caches are bypassed. */
    public static RegistryChanges start(DatabaseConfig config) {
        RegistryChanges changes = new RegistryChanges(config);
        changes.listener.start();
        return changes;
    }

    /** A cache of lookups in {@code table} (device, gateway or tag), emptied whenever it changes. */
    public <K, V> RegistryCache<K, V> cache(String table, int maxEntries) {
        RegistryCache<K, V> cache = new RegistryCache<>(table, maxEntries, () -> listening);
        cachesByTable.computeIfAbsent(table, t -> new CopyOnWriteArrayList<>()).add(cache);
        return cache;
    }

    /**
     * Runs {@code reaction} on this class's thread after every committed change to {@code table}
     * (notified by a trigger of V9 or V10), whichever instance or client made it, and after every
     * reconnect of the listening connection. A reaction that fails is logged and runs again on the
     * next change; it must not take long, for the caches' notifications wait behind it.
     */
    public void onChange(String table, Runnable reaction) {
        reactionsByTable
                .computeIfAbsent(table, t -> new CopyOnWriteArrayList<>())
                .add(reaction);
    }

    /** Every cache made here (metrics: hits, misses, size per table). */
    public List<RegistryCache<?, ?>> caches() {
        return cachesByTable.values().stream()
                .<RegistryCache<?, ?>>flatMap(List::stream)
                .toList();
    }

    /** Whether notifications are heard now, so that caching is safe. */
    public boolean listening() {
        return listening;
    }

    /** Notifications of this schema's registry changes heard so far (metrics, tests). */
    public long heard() {
        return heard.get();
    }

    /** A change this instance committed to {@code table}: its caches are emptied now. */
    public void changed(String table) {
        cachesByTable.getOrDefault(table, List.of()).forEach(RegistryCache::invalidateAll);
    }

    private void react(String table) {
        for (Runnable reaction : reactionsByTable.getOrDefault(table, List.of())) {
            try {
                reaction.run();
            } catch (RuntimeException e) {
                LOG.warn("reacting to a change of {} failed: {}", table, Failures.describe(e));
            }
        }
    }

    private void invalidateAll() {
        cachesByTable.values().forEach(caches -> caches.forEach(RegistryCache::invalidateAll));
    }

    /**
     * Waits until notifications are heard (tests and start-up checks).
     *
     * @return whether it happened within {@code timeout}
     */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!listening && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return listening;
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        while (!closed) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + CHANNEL); // a constant
                }
                invalidateAll(); // what changed while nobody listened
                listening = true;
                reactionsByTable.keySet().forEach(this::react);
                retry = FIRST_RETRY;
                LOG.info("registry lookups cached; changes heard on channel {}", CHANNEL);
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                boolean wasListening = listening;
                listening = false; // before emptying: nothing may be kept from here on
                invalidateAll();
                if (wasListening) {
                    LOG.warn(
                            "registry change notifications lost ({}); lookups go to the database",
                            Failures.describe(e));
                } else {
                    LOG.debug("registry change notifications not available yet: {}", Failures.describe(e));
                }
            } finally {
                connection = null;
            }
            if (!closed) {
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        String prefix = config.schema() + ".";
        long lastProbe = System.nanoTime();
        while (!closed) {
            PGNotification[] notes = pg.getNotifications((int) POLL.toMillis());
            if (notes != null) {
                for (PGNotification note : notes) {
                    String name = note.getParameter();
                    if (name != null && name.startsWith(prefix)) {
                        String table = name.substring(prefix.length());
                        changed(table);
                        react(table);
                        heard.incrementAndGet();
                    }
                }
            }
            if (System.nanoTime() - lastProbe > PROBE_EVERY.toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
                lastProbe = System.nanoTime();
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        properties.setProperty("ApplicationName", "kawamori-registry-changes");
        long seconds = Math.max(1, config.connectionTimeout().toSeconds());
        properties.setProperty("connectTimeout", String.valueOf(seconds));
        // a server that vanishes without closing the connection fails the next probe
        properties.setProperty("socketTimeout", String.valueOf(seconds + PROBE_EVERY.toSeconds()));
        return DriverManager.getConnection(config.jdbcUrl(), properties);
    }

    /** Stops listening; the caches are bypassed from now on. */
    @Override
    public void close() {
        closed = true;
        listening = false;
        invalidateAll();
        Connection c = connection;
        listener.interrupt();
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the registry change connection", e);
            }
        }
        try {
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
