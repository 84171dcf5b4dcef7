package org.kawamori.timeseries;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from {@code timestamptz}, which keeps microseconds: times are truncated to the
 * microsecond before they are written, so the same instant always names the same row.
 */
final class SqlTimes {

    /** Query bounds outside this range are clamped to it (PostgreSQL and java.time disagree on the extremes). */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private SqlTimes() {}

    static void set(PreparedStatement statement, int index, Instant time) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(time.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    /** For range bounds: like {@link #set}, with instants beyond the storable range clamped to it. */
    static void setBound(PreparedStatement statement, int index, Instant bound) throws SQLException {
        Instant clamped = bound.isBefore(EARLIEST) ? EARLIEST : bound.isAfter(LATEST) ? LATEST : bound;
        set(statement, index, clamped);
    }

    static Instant get(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
