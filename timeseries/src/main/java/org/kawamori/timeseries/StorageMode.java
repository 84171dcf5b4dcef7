package org.kawamori.timeseries;

/**
 * Where rollups and retention come from, chosen once at start by {@link TimescaleFeatures}.
 *
 * <ul>
 *   <li>{@link #TIMESCALEDB}: {@code reading} and {@code detection} are hypertables; TimescaleDB's
 *       background jobs compress, drop old detection chunks and refresh the continuous aggregates
 *       {@code reading_5m_cagg} and {@code reading_1h_cagg}.
 *   <li>{@link #PLAIN_POSTGRESQL}: the same tables on plain PostgreSQL; the application keeps the
 *       rollup tables {@code reading_5m} and {@code reading_1h} ({@link RollupMaintainer}) and deletes
 *       expired detections ({@link RetentionJob}), scheduled by {@link Maintenance}.
 * </ul>
 *
 * Queries over {@code reading} itself ({@link BucketedReadings} by default) are correct in both.
 */
public enum StorageMode {
    PLAIN_POSTGRESQL("reading_5m", "reading_1h"),
    TIMESCALEDB("reading_5m_cagg", "reading_1h_cagg");

    private final String fiveMinuteRollup;
    private final String hourRollup;

    StorageMode(String fiveMinuteRollup, String hourRollup) {
        this.fiveMinuteRollup = fiveMinuteRollup;
        this.hourRollup = hourRollup;
    }

    /**
     * The table or view that holds the rollup of {@code bucket} in this mode, or null when there is
     * none (1-day buckets are always computed from {@code reading}). A constant: safe as an identifier.
     */
    String rollupRelation(Bucket bucket) {
        return switch (bucket) {
            case FIVE_MINUTES -> fiveMinuteRollup;
            case ONE_HOUR -> hourRollup;
            case ONE_DAY -> null;
        };
    }
}
