package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Quantity;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * The range query with buckets: min, max, mean, count and last value of one quantity of one device
 * per 5-minute, 1-hour or 1-day bucket. A range selects whole buckets: every bucket that overlaps
 * {@code [from, to)} is returned with all its readings (the range is widened to bucket bounds), so a
 * bucket's numbers never depend on where the range starts; buckets without readings are left out.
 *
 * <p>By default the buckets are computed from {@code reading} with {@code date_bin} (origin
 * 2000-01-03 UTC), which is exact in both storage modes. {@link #preferringRollups} reads 5-minute
 * and 1-hour buckets from the rollups of the storage mode instead (the rollup tables maintained by
 * {@link RollupMaintainer}, or the continuous aggregates): cheaper on long ranges, but only as
 * fresh as their last recomputation or refresh.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}.
 */
public final class BucketedReadings {

    private static final String FROM_READINGS = "select date_bin(cast(? as interval), time, " + Bucket.SQL_ORIGIN
            + ") as bucket, min(value) as min, max(value) as max, avg(value) as avg, count(*) as count,"
            + " (array_agg(value order by time desc))[1] as last from reading"
            + " where device_id = ? and quantity = ? and time >= ? and time < ? group by 1 order by 1";

    private final DataSource dataSource;
    private final StorageMode rollupMode;

    /** Buckets computed from {@code reading}: exact in both storage modes. */
    public BucketedReadings(DataSource dataSource) {
        this(dataSource, null);
    }

    private BucketedReadings(DataSource dataSource, StorageMode rollupMode) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.rollupMode = rollupMode;
    }

    /**
     * Buckets of 5 minutes and 1 hour from the rollups of {@code mode} ({@code reading_5m}/{@code
     * reading_1h} on plain PostgreSQL, the continuous aggregates on TimescaleDB); 1-day buckets still
     * from {@code reading}.
     */
    public static BucketedReadings preferringRollups(DataSource dataSource, StorageMode mode) {
        return new BucketedReadings(dataSource, Objects.requireNonNull(mode, "mode"));
    }

    /**
     * The buckets of {@code quantity} of {@code device} that overlap {@code [from, to)}, oldest first.
     */
    public List<ReadingBucket> buckets(DeviceId device, Quantity quantity, Bucket bucket, Instant from, Instant to) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            return List.of();
        }
        String rollup = rollupMode == null ? null : rollupMode.rollupRelation(bucket);
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(rollup == null ? FROM_READINGS : fromRollup(rollup))) {
            int index = 1;
            if (rollup == null) {
                query.setString(index++, bucket.sqlInterval());
            }
            query.setString(index++, device.value());
            query.setString(index++, quantity.senmlName());
            SqlTimes.setBound(query, index++, bucket.floor(clamp(from)));
            SqlTimes.setBound(query, index, bucket.ceiling(clamp(to)));
            List<ReadingBucket> buckets = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    buckets.add(new ReadingBucket(
                            SqlTimes.get(rows, "bucket"),
                            rows.getDouble("min"),
                            rows.getDouble("max"),
                            rows.getDouble("avg"),
                            rows.getLong("count"),
                            rows.getDouble("last")));
                }
            }
            return buckets;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot read the buckets of " + device, e);
        }
    }

    /** {@code relation} is a constant of {@link StorageMode}, never a value from outside. */
    private static String fromRollup(String relation) {
        return "select bucket, min, max, avg, count, last from " + relation
                + " where device_id = ? and quantity = ? and bucket >= ? and bucket < ? order by bucket";
    }

    /** Keeps bucket arithmetic within the range PostgreSQL can store. */
    private static Instant clamp(Instant time) {
        Instant earliest = Instant.parse("0001-01-01T00:00:00Z");
        Instant latest = Instant.parse("9999-12-30T00:00:00Z");
        return time.isBefore(earliest) ? earliest : time.isAfter(latest) ? latest : time;
    }
}
