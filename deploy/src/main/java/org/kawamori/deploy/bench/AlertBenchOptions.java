package org.kawamori.deploy.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Options of {@code bench alerts}; each default beside its field.
 *
 * @param dbUrl a PostgreSQL server the bench makes a fresh database on (default: embedded PostgreSQL)
 * @param mqttUrl the broker (default the machine's Mosquitto, {@code tcp://127.0.0.1:1883}, anonymous)
 * @param rate readings per second published in all (default 10,000)
 * @param duration how long the load runs (default 30 s)
 * @param gauges calm gauges carrying the load (default 2,000)
 * @param flooding gauges that rise and fall through the five stages again and again (default 20)
 * @param floodEvery how often each flooding gauge reports (default 250 ms)
 * @param publishers MQTT connections publishing (default 4)
 * @param warmup load before the measurement starts, so that the JIT and the pools are warm (default 10 s)
 */
public record AlertBenchOptions(
        Optional<String> dbUrl,
        String mqttUrl,
        int rate,
        Duration duration,
        int gauges,
        int flooding,
        Duration floodEvery,
        int publishers,
        Duration warmup) {

    public static final String USAGE =
            """
            usage: java -jar deploy/target/kawamori.jar bench alerts [options]
              --db-url URL        PostgreSQL server to make a fresh database on (default: embedded PostgreSQL)
              --mqtt-url URL      MQTT broker, anonymous (default tcp://127.0.0.1:1883, the machine's Mosquitto)
              --rate N            readings per second in all (default 10000)
              --duration D        ISO-8601 or seconds, how long the load runs (default 30)
              --gauges N          calm gauges carrying the load (default 2000)
              --flooding N        gauges going through the five stages and back again and again (default 20)
              --flood-every MS    how often each flooding gauge reports, ms (default 250)
              --publishers N      MQTT connections publishing (default 4)
              --warmup D          load before the measurement, ISO-8601 or seconds (default 10)
            It starts a whole Kawamori (the broker given, its own database), a webhook receiver for Kakogawa's
            officers, and publishes QoS 1 readings; the latency of a notice is from the publish of the reading
            that changed the stage to the receiver's answer.""";

    static AlertBenchOptions defaults() {
        return new AlertBenchOptions(
                Optional.empty(),
                "tcp://127.0.0.1:1883",
                10_000,
                Duration.ofSeconds(30),
                2_000,
                20,
                Duration.ofMillis(250),
                4,
                Duration.ofSeconds(10));
    }

    public static AlertBenchOptions parse(String[] args) {
        AlertBenchOptions d = defaults();
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!USAGE.contains(args[i] + " ")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i], args[i + 1]);
        }
        return new AlertBenchOptions(
                given.containsKey("--db-url") ? Optional.of(given.get("--db-url")) : d.dbUrl(),
                given.getOrDefault("--mqtt-url", d.mqttUrl()),
                intOf(given, "--rate", d.rate()),
                durationOf(given, "--duration", d.duration()),
                intOf(given, "--gauges", d.gauges()),
                intOf(given, "--flooding", d.flooding()),
                given.containsKey("--flood-every")
                        ? Duration.ofMillis(intOf(given, "--flood-every", 0))
                        : d.floodEvery(),
                intOf(given, "--publishers", d.publishers()),
                durationOf(given, "--warmup", d.warmup()));
    }

    private static int intOf(Map<String, String> given, String option, int fallback) {
        return given.containsKey(option) ? positive(given.get(option), option) : fallback;
    }

    private static Duration durationOf(Map<String, String> given, String option, Duration fallback) {
        return given.containsKey(option) ? duration(given.get(option)) : fallback;
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be a positive whole number");
    }

    private static Duration duration(String value) {
        return value.startsWith("P") ? Duration.parse(value) : Duration.ofSeconds(Long.parseLong(value));
    }
}
