package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.port.HealthIndicator;

/**
 * Whether the database answers: takes a connection and asks the server whether it is valid (an empty
 * query with a 2 s timeout). Down with a short reason when it cannot; the reason never carries a
 * password. Taking the connection from a pool waits at most the pool's connection timeout.
 */
public final class DatabaseHealth implements HealthIndicator {

    static final int VALID_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseHealth(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Health check() {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(VALID_TIMEOUT_SECONDS)) {
                return Health.down("no answer within " + VALID_TIMEOUT_SECONDS + " s");
            }
            DatabaseMetaData meta = c.getMetaData();
            return Health.up(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        } catch (SQLException | RuntimeException e) {
            return Health.down("unreachable: " + Failures.describe(e));
        }
    }
}
