package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.alert.SearchAudit;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Core's {@link SearchAudit} in the {@code audit_log} (V5): one row per officer's read of a declared
 * search's sightings, action {@value #ACTION}, with the search (the lost-mode alert's id) and the
 * number of sightings shown. Never a tag id, a family or a position.
 *
 * <p>When the row cannot be written this throws {@link StoreUnavailableException}, and the read must
 * not happen.
 */
public final class PostgresSearchAudit implements SearchAudit {

    static final String ACTION = "search-read";

    static final String PURPOSE = "declared search (lost mode)";

    private final DataSource dataSource;

    public PostgresSearchAudit(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void officerRead(OfficerRead read) {
        Objects.requireNonNull(read, "read");
        try (Connection c = dataSource.getConnection()) {
            AuditLog.write(
                    c,
                    new AuditLog.Entry(
                            read.at(),
                            read.officer(),
                            ACTION,
                            read.municipality(),
                            PURPOSE,
                            null,
                            "search " + read.searchId() + ": " + read.sightings() + " sighting(s)"));
        } catch (SQLException e) {
            throw Failures.unavailable("cannot write the audit entry of a search read", e);
        }
    }
}
