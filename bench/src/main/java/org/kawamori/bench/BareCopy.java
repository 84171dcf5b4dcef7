package org.kawamori.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The baseline: pgjdbc's CopyManager on one connection, one COPY and one commit per chunk of rows,
 * no queue, no key order, no idempotence. Rows come as ready COPY text lines.
 */
final class BareCopy {

    private BareCopy() {}

    /**
     * @param line the COPY text line (ending in a newline) of row i
     * @return rows copied
     */
    static long copy(DataSource dataSource, String sql, int rows, int chunkRows, IntFunction<String> line)
            throws SQLException {
        long copied = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            PGConnection pg = c.unwrap(PGConnection.class);
            StringBuilder chunk = new StringBuilder(chunkRows * 80);
            for (int start = 0; start < rows; start += chunkRows) {
                chunk.setLength(0);
                int end = Math.min(rows, start + chunkRows);
                for (int i = start; i < end; i++) {
                    chunk.append(line.apply(i));
                }
                try {
                    copied += pg.getCopyAPI()
                            .copyIn(
                                    sql,
                                    new ByteArrayInputStream(chunk.toString().getBytes(StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new SQLException("COPY failed", e);
                }
                c.commit();
            }
        }
        return copied;
    }
}
