package org.kawamori.deploy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kawamori.deploy.AppConfig;
import org.kawamori.deploy.AppSettings;
import org.kawamori.deploy.KawamoriApp;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;

/**
 * Kawamori end to end: QoS 1 messages published to the broker until their rows are committed, for
 * single readings (SenML, one reading per message) and for gateways' detection batches. The rate is
 * the rows counted in the database over the time from the first publish to the moment the last row
 * was there (polled every 100 ms).
 *
 * <pre>
 *  Publishers (QoS 1) ──► broker ──► Kawamori: decode, validate, registry, order ─► batched COPY ─► rows
 *        └──────────────────────────── clock ───────────────────────────────────────────── count(*) = n
 * </pre>
 */
final class IngestThroughput implements AutoCloseable {

    private static final String TOKEN = "bench-" + UUID.randomUUID();

    private final KawamoriApp app;
    private final Database database;
    private final String mqttUrl;
    private final int connections;
    private final int window;
    private long readingsSent;
    private long batchesSent;
    private long detectionsSent;

    private IngestThroughput(KawamoriApp app, Database database, String mqttUrl, int connections, int window) {
        this.app = app;
        this.database = database;
        this.mqttUrl = mqttUrl;
        this.connections = connections;
        this.window = window;
    }

    /** A Kawamori on the broker and a fresh database, with {@code sensors}, {@code gateways} and {@code tags}. */
    static IngestThroughput start(
            String mqttUrl, String dbUrl, int sensors, int gateways, int tags, int connections, int window)
            throws Exception {
        Path data = Files.createTempDirectory("kawamori-suite");
        AppConfig config = new AppConfig(
                "127.0.0.1",
                0,
                0,
                0,
                0,
                Optional.empty(),
                new AppConfig.Broker.External(mqttUrl, Optional.empty(), Optional.empty()),
                new AppConfig.Database.External(dbUrl),
                false,
                false,
                "kawamori-suite-" + UUID.randomUUID(),
                Duration.ofMinutes(2),
                AppSettings.of(Map.of("KAWAMORI_ADMIN_TOKEN", TOKEN, AppSettings.ALERT_TICK, "PT1H")));
        KawamoriApp app = KawamoriApp.start(config);
        Files.deleteIfExists(data);
        IngestThroughput run = new IngestThroughput(
                app, new Database(DatabaseConfig.fromJdbcUrl(dbUrl)), mqttUrl, connections, window);
        run.register(sensors, gateways, tags);
        return run;
    }

    /**
     * Readings per second for {@code messages} single readings over {@code sensors} sensors. Each call
     * goes on where the previous one stopped (later times), so a warm-up run's rows are never sent
     * again and every message of a call adds one row.
     */
    double readings(int messages, int sensors) throws Exception {
        long first = readingsSent;
        long base = Instant.now().minusSeconds(86_400).toEpochMilli();
        long start = System.nanoTime();
        new Publishers(mqttUrl, connections, window).send(messages, k -> {
            long i = first + k;
            int s = (int) (i % sensors);
            double t = (base + (i / sensors) * 1000) / 1000.0;
            return new Publishers.Message(
                    "kawamori/282103/sensors/suite-s" + s + "/up",
                    String.format(Locale.ROOT, "[{\"n\":\"level\",\"u\":\"m\",\"v\":1.23,\"t\":%.3f}]", t));
        });
        readingsSent += messages;
        return messages * 1e9 / (untilRows("reading", readingsSent) - start);
    }

    /** Detections per second for {@code batches} batches of {@code perBatch} detections; goes on like {@link #readings}. */
    double detections(int batches, int perBatch, int gateways, int tags) throws Exception {
        long first = batchesSent;
        long base = Instant.now().minusSeconds(86_400).getEpochSecond();
        long start = System.nanoTime();
        new Publishers(mqttUrl, connections, window).send(batches, k -> {
            long j = first + k;
            int g = (int) (j % gateways);
            long time = base + j / gateways;
            StringBuilder batch = new StringBuilder(perBatch * 48).append("{\"v\":1,\"detections\":[");
            for (int d = 0; d < perBatch; d++) {
                batch.append(d == 0 ? "" : ",")
                        .append("{\"tag\":\"suite-t")
                        .append((j * perBatch + d) % tags)
                        .append("\",\"time\":")
                        .append(time)
                        .append(",\"rssi\":-70}");
            }
            return new Publishers.Message(
                    "kawamori/282103/gateways/suite-g" + g + "/detections",
                    batch.append("]}").toString());
        });
        batchesSent += batches;
        detectionsSent += (long) batches * perBatch;
        return (double) batches * perBatch * 1e9 / (untilRows("detection", detectionsSent) - start);
    }

    /** The nanoTime when the table first held {@code rows} rows; fails after a minute without progress. */
    private long untilRows(String table, long rows) throws Exception {
        long last = -1;
        long lastChange = System.nanoTime();
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            while (true) {
                long now = System.nanoTime();
                long count;
                try (ResultSet r = s.executeQuery("select count(*) from " + table)) { // our table names
                    r.next();
                    count = r.getLong(1);
                }
                if (count >= rows) {
                    return now;
                }
                if (count != last) {
                    last = count;
                    lastChange = now;
                } else if (now - lastChange > 60_000_000_000L) {
                    throw new IllegalStateException(table + ": " + count + " of " + rows + " rows after a minute");
                }
                Thread.sleep(100);
            }
        }
    }

    private void register(int sensors, int gateways, int tags) throws Exception {
        StringBuilder csv = new StringBuilder("type,id,municipality,kind,name,lat,lon,secret,experimental\n");
        for (int i = 0; i < sensors; i++) {
            csv.append("sensor,suite-s")
                    .append(i)
                    .append(",282103,RIVER_GAUGE,suite ")
                    .append(i)
                    .append(",34.78,134.84,,false\n");
        }
        for (int i = 0; i < gateways; i++) {
            csv.append("gateway,suite-g")
                    .append(i)
                    .append(",282103,FIXED,gate ")
                    .append(i)
                    .append(",34.757,134.841,,\n");
        }
        for (int i = 0; i < tags; i++) {
            csv.append("tag,suite-t").append(i).append(",282103,,,,,,\n");
        }
        AdminCalls.expect(
                AdminCalls.call(
                        app.endpoints().mapUrl(), TOKEN, "POST", "api/v1/admin/import", "text/csv", csv.toString()),
                200);
    }

    @Override
    public void close() {
        database.close();
        app.close();
    }
}
