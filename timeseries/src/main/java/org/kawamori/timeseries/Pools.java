package org.kawamori.timeseries;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import javax.sql.DataSource;

/** What the pool cannot see for itself. */
final class Pools {

    private Pools() {}

    /**
     * Takes a connection out of the pool after it failed in a way the pool's proxy did not see: COPY
     * runs on the driver's connection beneath the proxy, and {@code isValid} answers false without an
     * exception. Otherwise the broken connection would be handed out again.
     */
    static void discard(DataSource dataSource, Connection c) {
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(c);
        }
    }
}
