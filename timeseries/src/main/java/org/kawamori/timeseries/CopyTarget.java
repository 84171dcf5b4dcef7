package org.kawamori.timeseries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * How rows of one type are appended to one table with COPY. Table and column names are constants of
 * each implementation; no SQL is ever built from data.
 *
 * @param <T> the row type
 */
interface CopyTarget<T> {

    /** The table, e.g. {@code reading}. */
    String table();

    /** The columns COPY fills, in the order {@link #encode} writes them. */
    List<String> columns();

    /** The columns of the table's unique key: a row with the same key is the same row. */
    List<String> keyColumns();

    /**
     * Sorting a batch by its key makes concurrent writers lock rows in one order: no deadlocks. Times
     * may be compared before truncation to the microsecond, which keeps their order.
     */
    Comparator<T> keyOrder();

    /** Appends one row (all of {@link #columns()}) and ends it. */
    void encode(T row, CopyRows out);

    /** The key of a row, equal to {@link #key(ResultSet)} of the stored row. */
    Object key(T row);

    /** The key of a row the database returned ({@link #keyColumns()} in the result). */
    Object key(ResultSet returned) throws SQLException;

    /** What the rows are called in messages, e.g. "reading(s)". Never data. */
    String noun();
}
