package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rollup tables {@code reading_5m} and {@code reading_1h} of the plain-PostgreSQL mode: it
 * recomputes every bucket that overlaps a time range from {@code reading} ({@code insert ... select
 * date_bin(...) ... on conflict do update}), so running it again is harmless and late readings are
 * taken in by the next recomputation of their bucket. Rows that did not change are not rewritten.
 *
 * <p>Recomputations are serialised across instances by a transaction-level advisory lock.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}.
 */
public final class RollupMaintainer {

    private static final Logger LOG = LoggerFactory.getLogger(RollupMaintainer.class);

    /** The advisory lock key of rollup recomputation ("KWMR" + 1). */
    private static final long LOCK_KEY = 0x4b574d52_00000001L;

    private static final String RECOMPUTE_5M = recompute("reading_5m");
    private static final String RECOMPUTE_1H = recompute("reading_1h");

    private final DataSource dataSource;
    private final Clock clock;

    public RollupMaintainer(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public RollupMaintainer(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code table} is one of the two constants above, never a value from outside. */
    private static String recompute(String table) {
        return "insert into " + table + " (device_id, quantity, bucket, municipality, min, max, avg, count, last)"
                + " select device_id, quantity, date_bin(cast(? as interval), time, " + Bucket.SQL_ORIGIN + "),"
                + " max(municipality), min(value), max(value), avg(value), count(*),"
                + " (array_agg(value order by time desc))[1]"
                + " from reading where time >= ? and time < ? group by 1, 2, 3"
                + " on conflict (device_id, quantity, bucket) do update set municipality = excluded.municipality,"
                + " min = excluded.min, max = excluded.max, avg = excluded.avg, count = excluded.count,"
                + " last = excluded.last"
                + " where (" + table + ".municipality, " + table + ".min, " + table + ".max, " + table + ".avg, "
                + table + ".count, " + table + ".last)"
                + " is distinct from (excluded.municipality, excluded.min, excluded.max, excluded.avg,"
                + " excluded.count, excluded.last)";
    }

    /**
     * Recomputes the 5-minute and 1-hour buckets of the last {@code window} (every bucket that overlaps
     * {@code [now - window, now)}); meant for a scheduler.
     *
     * @return how many rollup rows were written
     */
    public int recomputeLast(Duration window) {
        Objects.requireNonNull(window, "window");
        Instant now = clock.instant();
        return recompute(now.minus(window), now);
    }

    /**
     * Recomputes every 5-minute and 1-hour bucket that overlaps {@code [from, to)} from {@code reading},
     * in one transaction.
     *
     * @return how many rollup rows were inserted or changed
     */
    public int recompute(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            return 0;
        }
        int written = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, LOCK_KEY);
                    lock.execute();
                }
                written += run(c, RECOMPUTE_5M, Bucket.FIVE_MINUTES, from, to);
                written += run(c, RECOMPUTE_1H, Bucket.ONE_HOUR, from, to);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    LOG.debug("rollback failed: {}", rollback.toString());
                }
                throw e;
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot recompute the rollups", e);
        }
        LOG.debug("recomputed the rollups of [{}, {}): {} row(s) written", from, to, written);
        return written;
    }

    private static int run(Connection c, String sql, Bucket bucket, Instant from, Instant to) throws SQLException {
        try (PreparedStatement recompute = c.prepareStatement(sql)) {
            recompute.setString(1, bucket.sqlInterval());
            SqlTimes.setBound(recompute, 2, bucket.floor(from));
            SqlTimes.setBound(recompute, 3, bucket.ceiling(to));
            return recompute.executeUpdate();
        }
    }
}
