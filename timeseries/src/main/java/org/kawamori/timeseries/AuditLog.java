package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.kawamori.core.MunicipalityCode;

/**
 * Rows of the {@code audit_log} (V5), written on the caller's connection so that they commit or roll
 * back with what they record. A row never holds a tag id, a family id or a position.
 */
final class AuditLog {

    private static final String INSERT =
            "insert into audit_log (at, actor, action, municipality, purpose, origin, detail)"
                    + " values (coalesce(?, now()), ?, ?, ?, ?, ?, ?)";

    /**
     * One row of the audit log.
     *
     * @param at when it happened; null for the transaction's time
     * @param municipality whose data it concerns, or null
     */
    record Entry(
            Instant at,
            String actor,
            String action,
            MunicipalityCode municipality,
            String purpose,
            String origin,
            String detail) {}

    private AuditLog() {}

    static void write(Connection c, Entry entry) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            if (entry.at() == null) {
                insert.setObject(1, null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                SqlTimes.set(insert, 1, entry.at());
            }
            insert.setString(2, entry.actor());
            insert.setString(3, entry.action());
            insert.setString(
                    4,
                    entry.municipality() == null ? null : entry.municipality().value());
            insert.setString(5, entry.purpose());
            insert.setString(6, entry.origin());
            insert.setString(7, entry.detail());
            insert.executeUpdate();
        }
    }
}
