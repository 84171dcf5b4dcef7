package org.kawamori.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A bucket width of the bucketed range query. Buckets start at {@code date_bin(width, time,
 * timestamptz '2000-01-03 00:00:00+00')}: the origin is a Monday at midnight UTC, which is
 * TimescaleDB's default origin for {@code time_bucket}, so both give the same buckets (day buckets
 * start at 00:00 UTC).
 */
public enum Bucket {
    FIVE_MINUTES(Duration.ofMinutes(5), "5 minutes"),
    ONE_HOUR(Duration.ofHours(1), "1 hour"),
    ONE_DAY(Duration.ofDays(1), "1 day");

    /** The origin of all buckets: Monday 2000-01-03 00:00 UTC. */
    public static final Instant ORIGIN = Instant.parse("2000-01-03T00:00:00Z");

    /** The origin as SQL, for {@code date_bin}; a constant, never a value from outside. */
    static final String SQL_ORIGIN = "timestamptz '2000-01-03 00:00:00+00'";

    private final Duration width;
    private final String sqlInterval;

    Bucket(Duration width, String sqlInterval) {
        this.width = width;
        this.sqlInterval = sqlInterval;
    }

    public Duration width() {
        return width;
    }

    /** The width as PostgreSQL interval text, bound as a parameter ({@code cast(? as interval)}). */
    String sqlInterval() {
        return sqlInterval;
    }

    /** The start of the bucket that holds {@code time} (what {@code date_bin} gives). */
    public Instant floor(Instant time) {
        long widthMicros = width.toNanos() / 1_000;
        long sinceOrigin = micros(time) - micros(ORIGIN);
        long start = Math.floorDiv(sinceOrigin, widthMicros) * widthMicros;
        return ORIGIN.plus(start, ChronoUnit.MICROS);
    }

    /** The smallest bucket start at or after {@code time}. */
    public Instant ceiling(Instant time) {
        Instant floor = floor(time);
        return floor.equals(time.truncatedTo(ChronoUnit.MICROS)) ? floor : floor.plus(width);
    }

    private static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }
}
