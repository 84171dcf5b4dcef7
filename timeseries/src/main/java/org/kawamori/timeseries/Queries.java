package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.kawamori.core.port.StoreUnavailableException;

/** Reads of a list of rows through one prepared statement. */
final class Queries {

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Parameters {
        Parameters NONE = query -> {};

        void bind(PreparedStatement query) throws SQLException;
    }

    /** One row as a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private Queries() {}

    /** Every row of the query on the caller's connection (and transaction). */
    static <T> List<T> list(Connection c, String sql, Parameters parameters, Row<T> row) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            parameters.bind(query);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(row.read(rows));
                }
            }
            return found;
        }
    }

    /**
     * Every row of the query on a pooled connection.
     *
     * @throws StoreUnavailableException saying {@code what} could not be read
     */
    static <T> List<T> list(DataSource dataSource, String what, String sql, Parameters parameters, Row<T> row) {
        try (Connection c = dataSource.getConnection()) {
            return list(c, sql, parameters, row);
        } catch (SQLException e) {
            throw Failures.unavailable(what, e);
        }
    }
}
