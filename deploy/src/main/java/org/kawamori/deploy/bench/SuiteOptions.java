package org.kawamori.deploy.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The options of {@code bench suite}, with their defaults next to them.
 *
 * @param dbUrl the PostgreSQL server to make fresh databases on (required)
 * @param mqttUrl the broker, anonymous; empty: a Mosquitto of the run's own ({@link BenchBroker})
 * @param readings single-reading messages per run (default 200,000)
 * @param sensors sensors they come from (default 1,000; a multiple of {@code publishers} keeps each
 *     sensor on one connection, in order)
 * @param batches detection batches per run (default 10,000)
 * @param batchSize detections per batch (default 50)
 * @param gateways gateways sending them (default 1,000: Kakogawa alone has some 1,400 fixed
 *     detectors; each gateway's batches stay in order until committed, so with few gateways the run
 *     measures one gateway's commit latency rather than the system)
 * @param tags tags they hear (default 50,000)
 * @param publishers MQTT connections publishing (default 4)
 * @param window QoS 1 messages in flight per connection (default 20, Mosquitto's max_inflight_messages)
 * @param alertRate the load of the alert latency run, readings per second (default 10,000, the load
 *     the target is stated for)
 * @param alertSeconds how long it is measured (default 20)
 * @param alertWarmUpSeconds how long that load runs before it is measured (default 60: with 30 s, C2
 *     compiler threads still took a third of the JVM's samples in the measured part, and p99 was
 *     222 ms where it is 84 ms after 60 s)
 * @param warmUpPercent before each throughput run, this share of its messages is sent unmeasured
 *     through the same path, so that the figures are of compiled code, not of the JIT at work
 *     (default 100; with 25 the single-reading run measured a JVM still compiling)
 */
record SuiteOptions(
        String dbUrl,
        java.util.Optional<String> mqttUrl,
        int readings,
        int sensors,
        int batches,
        int batchSize,
        int gateways,
        int tags,
        int publishers,
        int window,
        int alertRate,
        int alertSeconds,
        int alertWarmUpSeconds,
        int warmUpPercent) {

    static final String USAGE =
            """
            usage: java -jar deploy/target/kawamori.jar bench suite --db-url URL [options]
              --db-url URL        PostgreSQL server to make fresh databases on (required)
              --mqtt-url URL      MQTT broker, anonymous (default: a Mosquitto of its own on a free port,
                                  with unlimited session queues and 1000 messages in flight)
              --readings N        single-reading messages (default 200000) from --sensors N (default 1000)
              --batches N         detection batches (default 10000) of --batch-size N (default 50)
              --gateways N        gateways sending them (default 1000), hearing --tags N (default 50000)
              --publishers N      MQTT connections publishing (default 4)
              --window N          QoS 1 messages in flight per connection (default 20)
              --alert-rate N      readings/s of the alert latency run (default 10000)
              --alert-seconds N   its measured seconds (default 20)
              --alert-warm-up N   seconds of that load before they are measured (default 60)
              --warm-up PERCENT   sent unmeasured before each throughput run, as a share of it (default 100)
            In one run: the broker alone, COPY alone into the real tables, Kawamori end to end for single
            readings and for detection batches (published -> committed, QoS 1), and the alert latency; each
            Kawamori figure also as a share of the limit measured in the same run.""";

    static SuiteOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || !USAGE.contains(args[i] + " ")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i], args[i + 1]);
        }
        if (!given.containsKey("--db-url")) {
            throw new IllegalArgumentException(
                    "--db-url is required (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)");
        }
        return new SuiteOptions(
                given.get("--db-url"),
                java.util.Optional.ofNullable(given.get("--mqtt-url")),
                number(given, "--readings", 200_000),
                number(given, "--sensors", 1_000),
                number(given, "--batches", 10_000),
                number(given, "--batch-size", 50),
                number(given, "--gateways", 1_000),
                number(given, "--tags", 50_000),
                number(given, "--publishers", 4),
                number(given, "--window", 20),
                number(given, "--alert-rate", 10_000),
                number(given, "--alert-seconds", 20),
                number(given, "--alert-warm-up", 60),
                percent(given, "--warm-up", 100));
    }

    private static int number(Map<String, String> given, String option, int fallback) {
        return bounded(given, option, fallback, 1, Integer.MAX_VALUE, " must be a positive whole number");
    }

    private static int percent(Map<String, String> given, String option, int fallback) {
        return bounded(given, option, fallback, 0, 100, " must be a percentage from 0 to 100");
    }

    private static int bounded(Map<String, String> given, String option, int fallback, int min, int max, String rule) {
        String text = given.get(option);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(option + rule);
    }
}
