package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Work on one pooled connection in one transaction: committed when it returns, rolled back when it throws. */
final class Transactions {

    /** What runs inside the transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {}

    /**
     * Runs {@code work} in a transaction of its own and commits it. When the work or the commit fails,
     * the transaction is rolled back (a failed rollback is added to the failure as suppressed) and the
     * failure is thrown as it is; the caller turns an {@link SQLException} into its own exception.
     */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // a broken connection: the pool sees it on its next validation
                }
            }
        }
    }
}
