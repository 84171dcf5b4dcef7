package org.kawamori.deploy.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The database's own limit: COPY straight into the real {@code reading} and {@code detection} tables
 * (their keys and indexes), one connection, 10,000 rows per COPY and commit; no queue, no Kawamori.
 */
final class CopyThroughput {

    static final int CHUNK = 10_000;
    private static final String READINGS = "copy reading (device_id, municipality, time, quantity, value) from stdin";
    private static final String DETECTIONS = "copy detection (tag_id, tag_municipality, gateway_id,"
            + " gateway_municipality, time, lat, lon, accuracy_m, rssi) from stdin";

    private CopyThroughput() {}

    /** Registers {@code sensors} sensors (the readings' foreign key) in a migrated database. */
    static void registerSensors(DataSource db, int sensors) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement insert =
                        c.prepareStatement("insert into device (id, municipality, kind, name, lat, lon)"
                                + " values (?, '282103', 'RIVER_GAUGE', ?, 34.78, 134.84) on conflict do nothing")) {
            for (int i = 0; i < sensors; i++) {
                insert.setString(1, "copy-" + i);
                insert.setString(2, "copy " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Reading rows per second for {@code rows} rows over {@code sensors} sensors. */
    static double readings(DataSource db, int rows, int sensors) throws Exception {
        Instant base = Instant.now().minusSeconds(86_400);
        return copy(
                db,
                READINGS,
                rows,
                i -> "copy-" + (i % sensors) + "\t282103\t" + base.plusMillis(i / sensors * 1000L) + "\tlevel\t1.23\n");
    }

    /** Detection rows per second for {@code rows} rows. */
    static double detections(DataSource db, int rows) throws Exception {
        Instant base = Instant.now().minusSeconds(86_400);
        return copy(
                db,
                DETECTIONS,
                rows,
                i -> "copy-tag-" + (i % 5000) + "\t282103\tcopy-gw-" + (i % 97) + "\t282103\t" + base.plusMillis(i)
                        + "\t34.75\t134.84\t20\t-70\n");
    }

    private static double copy(DataSource db, String sql, int rows, IntFunction<String> line) throws Exception {
        long start = System.nanoTime();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            PGConnection pg = c.unwrap(PGConnection.class);
            StringBuilder chunk = new StringBuilder(CHUNK * 90);
            for (int from = 0; from < rows; from += CHUNK) {
                chunk.setLength(0);
                for (int i = from; i < Math.min(rows, from + CHUNK); i++) {
                    chunk.append(line.apply(i));
                }
                pg.getCopyAPI()
                        .copyIn(sql, new ByteArrayInputStream(chunk.toString().getBytes(StandardCharsets.UTF_8)));
                c.commit();
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }
}
