package org.kawamori.timeseries;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's scheduled storage work, on one daemon thread. In {@link
 * StorageMode#PLAIN_POSTGRESQL} it recomputes the rollups of the last {@link #DEFAULT_ROLLUP_WINDOW}
 * every {@link #DEFAULT_ROLLUP_PERIOD} ({@link RollupMaintainer}) and purges expired detections and
 * dead letters (of messages and of notices) every {@link #DEFAULT_RETENTION_PERIOD} ({@link RetentionJob}). In {@link
 * StorageMode#TIMESCALEDB} TimescaleDB's own jobs do the rollups and the detection retention, so only
 * dead letters are purged here. A failing run is logged and the next run happens as scheduled.
 *
 * <p>Several instances may run it at once: recomputations are idempotent and serialised by an
 * advisory lock, purges delete what is expired.
 */
public final class Maintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    public static final Duration DEFAULT_ROLLUP_PERIOD = Duration.ofMinutes(1);
    /** Readings up to this late (by their time) still reach the rollups without a manual recompute. */
    public static final Duration DEFAULT_ROLLUP_WINDOW = Duration.ofHours(1);

    public static final Duration DEFAULT_RETENTION_PERIOD = Duration.ofHours(1);

    private final StorageMode mode;
    private final RollupMaintainer rollups;
    private final RetentionJob retention;
    private final Duration rollupPeriod;
    private final Duration rollupWindow;
    private final Duration retentionPeriod;
    private ScheduledExecutorService scheduler;

    /** Maintenance with the default periods; call {@link #start()}. */
    public Maintenance(DataSource dataSource, StorageMode mode, RetentionConfig config) {
        this(
                new RollupMaintainer(dataSource),
                new RetentionJob(dataSource, config),
                mode,
                DEFAULT_ROLLUP_PERIOD,
                DEFAULT_ROLLUP_WINDOW,
                DEFAULT_RETENTION_PERIOD);
    }

    /** Maintenance with given jobs and periods (for tests and tuning); call {@link #start()}. */
    public Maintenance(
            RollupMaintainer rollups,
            RetentionJob retention,
            StorageMode mode,
            Duration rollupPeriod,
            Duration rollupWindow,
            Duration retentionPeriod) {
        this.rollups = Objects.requireNonNull(rollups, "rollups");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.rollupPeriod = positive(rollupPeriod, "rollupPeriod");
        this.rollupWindow = positive(rollupWindow, "rollupWindow");
        this.retentionPeriod = positive(retentionPeriod, "retentionPeriod");
    }

    /** Schedules the jobs; their first run is at once. Starting twice is an error. */
    public synchronized Maintenance start() {
        if (scheduler != null) {
            throw new IllegalStateException("maintenance already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kawamori-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        if (mode == StorageMode.PLAIN_POSTGRESQL) {
            scheduler.scheduleWithFixedDelay(
                    () -> guarded("rollup recomputation", () -> rollups.recomputeLast(rollupWindow)),
                    0,
                    rollupPeriod.toMillis(),
                    TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(
                    () -> guarded("detection retention", retention::purgeDetections),
                    0,
                    retentionPeriod.toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info(
                    "maintenance started (plain PostgreSQL): rollups of the last {} every {}, retention every {}",
                    rollupWindow,
                    rollupPeriod,
                    retentionPeriod);
        } else {
            LOG.info(
                    "maintenance started (TimescaleDB): its jobs keep rollups and detection retention;"
                            + " dead letters purged every {}",
                    retentionPeriod);
        }
        scheduler.scheduleWithFixedDelay(
                () -> {
                    guarded("dead-letter retention", retention::purgeDeadLetters);
                    guarded("dead-letter payloads", retention::forgetDeadLetterPayloads);
                    guarded("notice dead-letter retention", retention::purgeNoticeDeadLetters);
                    guarded("expired sessions", retention::purgeExpiredSessions);
                },
                0,
                retentionPeriod.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    private static void guarded(String what, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed, next run as scheduled: {}", what, Failures.describe(e));
        }
    }

    /** Stops the jobs, waiting up to 10 s for a running one to finish. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("a maintenance job did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        LOG.info("maintenance stopped");
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
