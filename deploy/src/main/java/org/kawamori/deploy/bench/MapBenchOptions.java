package org.kawamori.deploy.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Options of {@code bench map}; each default beside its field.
 *
 * @param dbUrl a PostgreSQL server the bench makes a fresh database on (default: embedded PostgreSQL)
 */
public record MapBenchOptions(
        Optional<String> dbUrl,
        String mqttUrl,
        int sensors,
        int clients,
        Duration duration,
        int pageRuns,
        String chromium,
        boolean share) {

    public static final String USAGE =
            """
            usage: java -jar deploy/target/kawamori.jar bench map [options]
              --db-url URL        PostgreSQL server to make a fresh database on (default: embedded PostgreSQL)
              --mqtt-url URL      MQTT broker, anonymous (default tcp://127.0.0.1:1883, the machine's Mosquitto)
              --sensors N         sensors registered, each with one reading (default 10000)
              --clients N         concurrent HTTP clients loading GET /api/v1/sensors (default 16)
              --duration D        ISO-8601 or seconds, per load phase (default 20)
              --page-runs N       page loads in a fresh headless Chromium for the time to first draw (default 5)
              --chromium PATH     the browser (default /usr/bin/chromium; 0 page runs skips it)
              --share BOOL        share the rendered collection between requests (default true; false
                                  measures a collection queried and written for every request)
            It starts a whole Kawamori (the broker given, its own database), registers the sensors over the
            basin through the admin API with the stage settings, publishes one reading per sensor, then
            loads the latest-state endpoint (plain, gzip, and conditional with If-None-Match) and times the
            page's first draw of all sensors (performance.now() the page records, read over DevTools).""";

    static MapBenchOptions defaults() {
        return new MapBenchOptions(
                Optional.empty(),
                "tcp://127.0.0.1:1883",
                10_000,
                16,
                Duration.ofSeconds(20),
                5,
                "/usr/bin/chromium",
                true);
    }

    public static MapBenchOptions parse(String[] args) {
        MapBenchOptions d = defaults();
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
        String share = given.getOrDefault("--share", "true");
        if (!share.equals("true") && !share.equals("false")) {
            throw new IllegalArgumentException("--share must be true or false");
        }
        return new MapBenchOptions(
                given.containsKey("--db-url") ? Optional.of(given.get("--db-url")) : d.dbUrl(),
                given.getOrDefault("--mqtt-url", d.mqttUrl()),
                count(given, "--sensors", d.sensors(), 1),
                count(given, "--clients", d.clients(), 1),
                given.containsKey("--duration") ? duration(given.get("--duration")) : d.duration(),
                count(given, "--page-runs", d.pageRuns(), 0),
                given.getOrDefault("--chromium", d.chromium()),
                Boolean.parseBoolean(share));
    }

    private static int count(Map<String, String> given, String option, int fallback, int min) {
        if (!given.containsKey(option)) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(given.get(option));
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be a whole number of at least " + min);
    }

    private static Duration duration(String value) {
        return value.startsWith("P") ? Duration.parse(value) : Duration.ofSeconds(Long.parseLong(value));
    }
}
