package org.kawamori.deploy.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;

/**
 * {@code bench suite}: the figures of issue 7 in one run on one machine, each Kawamori figure next to
 * the limit measured in the same run.
 *
 * <pre>
 * 1 broker only      Publishers ──► broker ──► subscriber                      (messages/s)
 * 2 COPY only        COPY ──► reading, detection (fresh database)              (rows/s)
 * 3 Kawamori         Publishers ──► broker ──► Kawamori ──► reading            (rows/s committed)
 * 4 Kawamori         Publishers ──► broker ──► Kawamori ──► detection          (rows/s committed)
 * 5 alert latency    bench alerts at a stated load                             (p50, p99 ms)
 * </pre>
 *
 * <p>Runs 1, 3 and 4 are each preceded by a warm-up of {@code --warm-up} percent of their messages
 * through the same path, unmeasured: a fresh JVM spends much of its first seconds compiling (in a
 * profile of a cold run the JIT compiler threads took a third of the CPU), and the figures are meant
 * for a Kawamori that has been running. COPY (run 2) is one statement per batch and needs none.
 */
public final class BenchSuite {

    private final SuiteOptions options;
    private final PrintStream out;

    public BenchSuite(String[] args, PrintStream out) {
        this.options = SuiteOptions.parse(args);
        this.out = out;
    }

    public static String usage() {
        return SuiteOptions.USAGE;
    }

    /** Runs everything and prints the table; returns 0 when the targets of issue 7 are met, 1 otherwise. */
    public int run() throws Exception {
        if (options.mqttUrl().isPresent()) {
            return run(options.mqttUrl().get());
        }
        try (BenchBroker broker = BenchBroker.start()) {
            out.println("broker: a Mosquitto of this run's own on " + broker.url());
            return run(broker.url());
        }
    }

    private int run(String mqttUrl) throws Exception {
        SuiteOptions o = options;
        String reading = "[{\"n\":\"level\",\"u\":\"m\",\"v\":1.23,\"t\":1764000000.000}]";
        out.println("1/5 broker only ...");
        if (warmUp(o.readings()) > 0) {
            BrokerThroughput.measure(mqttUrl, warmUp(o.readings()), o.publishers(), o.window(), reading);
        }
        double broker = BrokerThroughput.measure(mqttUrl, o.readings(), o.publishers(), o.window(), reading);

        out.println("2/5 COPY only ...");
        double copyReadings;
        double copyDetections;
        String copyDb = BenchDatabases.fresh(o.dbUrl(), "kawamori_suite_copy");
        try (Database db = new Database(DatabaseConfig.fromJdbcUrl(copyDb))) {
            CopyThroughput.registerSensors(db.dataSource(), o.sensors());
            copyReadings = CopyThroughput.readings(db.dataSource(), o.readings(), o.sensors());
            copyDetections = CopyThroughput.detections(db.dataSource(), o.batches() * o.batchSize());
        } finally {
            BenchDatabases.drop(copyDb);
        }

        out.println("3/5 and 4/5 Kawamori end to end ...");
        double e2eReadings;
        double e2eDetections;
        String appDb = BenchDatabases.fresh(o.dbUrl(), "kawamori_suite_app");
        try (IngestThroughput kawamori = IngestThroughput.start(
                mqttUrl, appDb, o.sensors(), o.gateways(), o.tags(), o.publishers(), o.window())) {
            if (warmUp(o.readings()) > 0) {
                kawamori.readings(warmUp(o.readings()), o.sensors());
            }
            e2eReadings = kawamori.readings(o.readings(), o.sensors());
            if (warmUp(o.batches()) > 0) {
                kawamori.detections(warmUp(o.batches()), o.batchSize(), o.gateways(), o.tags());
            }
            e2eDetections = kawamori.detections(o.batches(), o.batchSize(), o.gateways(), o.tags());
        } finally {
            BenchDatabases.drop(appDb);
        }

        out.println("5/5 alert latency ...");
        AlertLatencyBenchmark.Result alerts = new AlertLatencyBenchmark(
                        AlertBenchOptions.parse(new String[] {
                            "--db-url", o.dbUrl(),
                            "--mqtt-url", mqttUrl,
                            "--rate", Integer.toString(o.alertRate()),
                            "--duration", Integer.toString(o.alertSeconds()),
                            "--warmup", Integer.toString(o.alertWarmUpSeconds()),
                            "--gauges", "500"
                        }),
                        out)
                .run();

        double singleLimit = Math.min(broker, copyReadings);
        List<String[]> rows = new ArrayList<>();
        rows.add(row("broker only: publish -> subscriber, QoS 1", rate(broker, "msg/s"), "", "", ""));
        rows.add(row("COPY only: into reading", rate(copyReadings, "rows/s"), "", "", ""));
        rows.add(row("COPY only: into detection", rate(copyDetections, "rows/s"), "", "", ""));
        rows.add(row(
                "Kawamori: single readings, published -> committed",
                rate(e2eReadings, "rows/s"),
                (broker <= copyReadings ? "broker " : "COPY ") + rate(singleLimit, "/s"),
                percent(e2eReadings / singleLimit),
                ">= 20,000/s"));
        rows.add(row(
                "Kawamori: detection batches of " + o.batchSize() + ", published -> committed",
                rate(e2eDetections, "rows/s"),
                "COPY " + rate(copyDetections, "rows/s"),
                percent(e2eDetections / copyDetections),
                ">= 50 % of COPY"));
        rows.add(row(
                "Kawamori: alert latency at " + rate(alerts.readingsPerSecond(), "readings/s"),
                String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms", alerts.p50(), alerts.p99()),
                "",
                "",
                "p99 < 250 ms at 10,000 msg/s"));
        print(rows);
        boolean met = e2eReadings >= 20_000
                && e2eDetections >= 0.5 * copyDetections
                && alerts.p99() < 250
                && alerts.readingsPerSecond() >= 10_000;
        out.println(met ? "all targets met" : "targets not met (see the last column)");
        return met ? 0 : 1;
    }

    /** The messages sent unmeasured before a run of {@code messages}. */
    private int warmUp(int messages) {
        return (int) ((long) messages * options.warmUpPercent() / 100);
    }

    private void print(List<String[]> rows) {
        out.printf(
                Locale.ROOT,
                "%n%d cores, Java %s, broker %s%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                options.mqttUrl().orElse("of its own (Mosquitto, unlimited queues)"));
        out.println("| measurement | figure | limit in this run | share of it | target |");
        out.println("|---|---|---|---|---|");
        for (String[] r : rows) {
            out.println("| " + String.join(" | ", r) + " |");
        }
        out.println();
    }

    private static String[] row(String... cells) {
        return cells;
    }

    static String rate(double value, String unit) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f %s", value, unit);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
