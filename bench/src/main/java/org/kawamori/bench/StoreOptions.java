package org.kawamori.bench;

import java.util.List;
import java.util.Objects;

/**
 * Options of the {@code store} benchmark, with their defaults.
 *
 * @param dbUrl a JDBC URL (user and password may be parameters); null: an embedded PostgreSQL in a
 *     temporary directory. The benchmark works in its own schema {@value #SCHEMA}, created afresh and
 *     dropped at the end.
 * @param rows rows loaded per round through the writer and through bare COPY (default 1,000,000)
 * @param producers threads submitting messages to the writer (default 8)
 * @param rounds rounds of each loader, alternating; the median rate counts (default 3)
 * @param batchRows rows per transaction, for the writer and for bare COPY alike (default 5,000)
 * @param sensors sensors of the latest-state query (default 10,000)
 * @param tags tags of the latest-detection query (default 50,000)
 * @param historyPerSensor readings per sensor before the latest-state query (default 100)
 * @param detectionsPerTag detections per tag before the latest-detection query (default 10)
 * @param queryRuns timed runs of each query after two untimed ones (default 20)
 */
public record StoreOptions(
        String dbUrl,
        int rows,
        int producers,
        int rounds,
        int batchRows,
        int sensors,
        int tags,
        int historyPerSensor,
        int detectionsPerTag,
        int queryRuns) {

    public static final String SCHEMA = "kawamori_bench";

    static final String USAGE =
            """
            usage: java -jar kawamori-bench.jar store [options]
              Loads rows through Kawamori's batched writer and, in the same run, through bare COPY into
              the same table, and prints both rates and their ratio (target: at least 0.80). Then times
              the latest-state query at basin scale. Exit 0 when the writer reaches the target, 1 if not.
            options (defaults in brackets):
              --db-url URL            PostgreSQL/TimescaleDB JDBC URL [embedded PostgreSQL]
              --rows N                rows per round and loader [1000000]
              --producers N           threads submitting to the writer [8]
              --rounds N              rounds per loader, alternating; the median counts [3]
              --batch-rows N          rows per transaction for both loaders [5000]
              --sensors N             sensors for the latest-state query [10000]
              --tags N                tags for the latest-detection query [50000]
              --history N             readings per sensor before the latest-state query [100]
              --detections-per-tag N  detections per tag before the latest-detection query [10]
              --query-runs N          timed runs per query [20]
            The benchmark creates and drops the schema kawamori_bench; it touches nothing else.""";

    public StoreOptions {
        positive("rows", rows);
        positive("producers", producers);
        positive("rounds", rounds);
        positive("batch-rows", batchRows);
        positive("sensors", sensors);
        positive("tags", tags);
        positive("history", historyPerSensor);
        positive("detections-per-tag", detectionsPerTag);
        positive("query-runs", queryRuns);
    }

    public static StoreOptions defaults() {
        return new StoreOptions(null, 1_000_000, 8, 3, 5_000, 10_000, 50_000, 100, 10, 20);
    }

    static StoreOptions parse(String[] args) {
        StoreOptions d = defaults();
        String dbUrl = d.dbUrl;
        int[] n = {
            d.rows,
            d.producers,
            d.rounds,
            d.batchRows,
            d.sensors,
            d.tags,
            d.historyPerSensor,
            d.detectionsPerTag,
            d.queryRuns
        };
        List<String> names = List.of(
                "--rows",
                "--producers",
                "--rounds",
                "--batch-rows",
                "--sensors",
                "--tags",
                "--history",
                "--detections-per-tag",
                "--query-runs");
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            if (name.equals("--db-url")) {
                dbUrl = args[i + 1];
            } else if (names.contains(name)) {
                n[names.indexOf(name)] = number(name, args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option: " + name);
            }
        }
        return new StoreOptions(dbUrl, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8]);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number: " + value);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1: " + value);
        }
    }

    @Override
    public String toString() {
        return "rows " + rows + ", producers " + producers + ", rounds " + rounds + ", batch " + batchRows
                + ", sensors "
                + sensors + ", tags " + tags + ", history " + historyPerSensor + ", detections/tag " + detectionsPerTag
                + ", query runs " + queryRuns + (Objects.isNull(dbUrl) ? ", embedded PostgreSQL" : "");
    }
}
