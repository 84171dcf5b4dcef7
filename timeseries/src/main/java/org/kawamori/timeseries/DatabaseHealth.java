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

    /**
     * Whether a pooled connection answers. A connection that does not is taken out of the pool and one
     * more is tried: after a database restart the pool may still hold connections to the old server
     * process, and those say nothing about the server now. When no connection can be had at all, the
     * answer is "down" at once.
     */
    @Override
    public Health check() {
        for (int attempt = 0; attempt < 2; attempt++) {
            Connection c;
            try {
                c = dataSource.getConnection();
            } catch (SQLException | RuntimeException e) {
                return Health.down("unreachable: " + Failures.describe(e));
            }
            try (c) {
                if (c.isValid(VALID_TIMEOUT_SECONDS)) {
                    DatabaseMetaData meta = c.getMetaData();
                    return Health.up(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
                }
                Pools.discard(dataSource, c);
            } catch (SQLException | RuntimeException e) {
                return Health.down("unreachable: " + Failures.describe(e));
            }
        }
        return Health.down("no answer within " + VALID_TIMEOUT_SECONDS + " s");
    }
}
