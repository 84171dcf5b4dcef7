package org.kawamori.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.kawamori.core.Detection;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Reading;
import org.kawamori.core.SensorState;
import org.kawamori.timeseries.BatchedWriter;
import org.kawamori.timeseries.DetectionStore;
import org.kawamori.timeseries.PostgresReadingStore;
import org.kawamori.timeseries.WriterConfig;
import org.kawamori.timeseries.WriterStats;

/**
 * The store benchmark.
 *
 * <ol>
 *   <li>Registers the sensors, then in alternating rounds loads the same rows into the emptied
 *       {@code reading} table through {@link BatchedWriter} (producer threads submitting messages of
 *       two readings, as transports do) and through {@link BareCopy}; both commit every {@code
 *       batchRows} rows. Each load is checked: the table must hold exactly the rows loaded.
 *   <li>Loads a history per sensor and times {@link PostgresReadingStore#latestStates()}.
 *   <li>Registers the tags, loads their detections through the detection writer and times {@link
 *       DetectionStore#latestPerTag} for every municipality of the basin.
 * </ol>
 */
final class StoreBenchmark {

    static final double TARGET_RATIO = 0.80;

    /** Messages a producer keeps in flight before it waits for the oldest. */
    private static final int WINDOW = 2_000;

    private final StoreOptions options;
    private final PrintStream out;

    StoreBenchmark(StoreOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    record Result(
            double writerRowsPerSecond,
            double copyRowsPerSecond,
            Percentiles latestStates,
            int sensorsReturned,
            Percentiles latestPerTagBasin,
            int tagsReturned) {

        double ratio() {
            return writerRowsPerSecond / copyRowsPerSecond;
        }

        boolean writerReachesTarget() {
            return ratio() >= TARGET_RATIO;
        }
    }

    Result run() throws Exception {
        int rows = options.rows() - options.rows() % 2;
        try (BenchDatabase bench = BenchDatabase.open(options.dbUrl())) {
            DataSource ds = bench.database().dataSource();
            out.println("Kawamori store benchmark on " + bench.describe());
            out.println("  " + options);
            Workload workload = new Workload(options.sensors());
            BareCopy.copy(
                    ds,
                    "copy device (id, municipality, kind, name, lat, lon) from stdin",
                    options.sensors(),
                    options.batchRows(),
                    Workload::deviceLine);
            analyze(ds);

            double[] writerRates = new double[options.rounds()];
            double[] copyRates = new double[options.rounds()];
            for (int round = 0; round < options.rounds(); round++) {
                truncate(ds, "reading");
                writerRates[round] = timedWriterLoad(ds, workload, rows, round + 1);
                truncate(ds, "reading");
                copyRates[round] = timedCopyLoad(ds, workload, rows, round + 1);
            }
            double writer = Percentiles.median(writerRates);
            double copy = Percentiles.median(copyRates);
            double ratio = writer / copy;
            out.printf("writer    (median of %d): %,12.0f rows/s%n", options.rounds(), writer);
            out.printf("bare COPY (median of %d): %,12.0f rows/s%n", options.rounds(), copy);
            out.printf(
                    "ratio writer / bare COPY: %.2f (target >= %.2f: %s)%n",
                    ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "reached" : "NOT reached");

            truncate(ds, "reading");
            int history = options.sensors() * options.historyPerSensor();
            BareCopy.copy(
                    ds,
                    "copy reading (device_id, municipality, time, quantity, value) from stdin",
                    history / 2,
                    options.batchRows(),
                    workload::messageLines);
            analyze(ds);
            PostgresReadingStore readings = new PostgresReadingStore(ds);
            int[] returned = new int[1];
            Percentiles latest = time(() -> {
                List<SensorState> states = readings.latestStates();
                returned[0] = states.size();
            });
            out.printf(
                    "latest state of %,d sensors (%,d readings stored): %s%n",
                    returned[0], count(ds, "reading"), latest);

            BareCopy.copy(
                    ds,
                    "copy tag (id, municipality) from stdin",
                    options.tags(),
                    options.batchRows(),
                    Workload::tagLine);
            loadDetections(ds);
            analyze(ds);
            DetectionStore detections = new DetectionStore(ds);
            int[] tags = new int[1];
            Percentiles basin = time(() -> {
                int sum = 0;
                for (MunicipalityCode m : Workload.basin()) {
                    sum += detections.latestPerTag(m).size();
                }
                tags[0] = sum;
            });
            Percentiles one =
                    time(() -> detections.latestPerTag(Workload.basin().get(0)));
            out.printf(
                    "latest detection per tag, %,d tags in %d municipalities (%,d detections stored):%n"
                            + "  one municipality (%,d tags): %s%n"
                            + "  whole basin, one query per municipality: %s%n",
                    tags[0],
                    Workload.basin().size(),
                    count(ds, "detection"),
                    detections.latestPerTag(Workload.basin().get(0)).size(),
                    one,
                    basin);
            return new Result(writer, copy, latest, returned[0], basin, tags[0]);
        }
    }

    private double timedWriterLoad(DataSource ds, Workload workload, int rows, int round) throws Exception {
        int messages = rows / 2;
        WriterConfig config = WriterConfig.defaults().withMaxBatchRows(options.batchRows());
        ExecutorService producers = Executors.newFixedThreadPool(options.producers());
        AtomicLong fresh = new AtomicLong();
        long start = System.nanoTime();
        WriterStats stats;
        try (BatchedWriter<Reading> writer = BatchedWriter.readings(ds, config)) {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < options.producers(); p++) {
                int first = p;
                done.add(producers.submit(() -> {
                    ArrayDeque<CompletableFuture<Integer>> inFlight = new ArrayDeque<>();
                    for (int i = first; i < messages; i += options.producers()) {
                        inFlight.add(writer.submit(workload.message(i)));
                        if (inFlight.size() >= WINDOW) {
                            fresh.addAndGet(inFlight.poll().join());
                        }
                    }
                    while (!inFlight.isEmpty()) {
                        fresh.addAndGet(inFlight.poll().join());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            stats = writer.stats();
        } finally {
            producers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(ds, rows, fresh.get(), "writer");
        double rate = rows / seconds;
        out.printf(
                "round %d  writer    %,10d rows in %6.2f s = %,10.0f rows/s (%d transactions, %.0f rows each)%n",
                round, rows, seconds, rate, stats.batches(), (double) stats.rows() / stats.batches());
        return rate;
    }

    private double timedCopyLoad(DataSource ds, Workload workload, int rows, int round) throws SQLException {
        long start = System.nanoTime();
        long copied = BareCopy.copy(
                ds,
                "copy reading (device_id, municipality, time, quantity, value) from stdin",
                rows / 2,
                options.batchRows() / 2,
                workload::messageLines);
        double seconds = (System.nanoTime() - start) / 1e9;
        check(ds, rows, copied, "bare COPY");
        double rate = rows / seconds;
        out.printf("round %d  bare COPY %,10d rows in %6.2f s = %,10.0f rows/s%n", round, rows, seconds, rate);
        return rate;
    }

    private void loadDetections(DataSource ds) throws Exception {
        int perMessage = 10;
        long total = (long) options.tags() * options.detectionsPerTag();
        long start = System.nanoTime();
        try (BatchedWriter<Detection> writer =
                BatchedWriter.detections(ds, WriterConfig.defaults().withMaxBatchRows(options.batchRows()))) {
            ArrayDeque<CompletableFuture<Integer>> inFlight = new ArrayDeque<>();
            List<Detection> message = new ArrayList<>(perMessage);
            for (int k = 0; k < options.detectionsPerTag(); k++) {
                for (int t = 0; t < options.tags(); t++) {
                    message.add(Workload.detection(t, k));
                    if (message.size() == perMessage) {
                        inFlight.add(writer.submit(message));
                        message = new ArrayList<>(perMessage);
                    }
                    if (inFlight.size() >= WINDOW) {
                        inFlight.poll().join();
                    }
                }
            }
            inFlight.add(writer.submit(message));
            inFlight.forEach(CompletableFuture::join);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("detections through the writer: %,d in %.2f s = %,.0f rows/s%n", total, seconds, total / seconds);
    }

    private Percentiles time(Runnable query) {
        query.run();
        query.run();
        double[] millis = new double[options.queryRuns()];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            query.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return Percentiles.of(millis);
    }

    private static void check(DataSource ds, long expected, long reported, String loader) throws SQLException {
        long stored = count(ds, "reading");
        if (stored != expected || reported != expected) {
            throw new IllegalStateException(
                    loader + " loaded " + stored + " rows (reported " + reported + "), expected " + expected);
        }
    }

    private static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void truncate(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("truncate " + table);
            try {
                s.execute("checkpoint");
            } catch (SQLException notSuperuser) {
                // a checkpoint only makes rounds more alike; without the right to it, go on
            }
        }
    }

    private static void analyze(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("analyze");
        }
    }
}
