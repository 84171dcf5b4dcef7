package org.kawamori.deploy.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kawamori.simulators.SimulationConfig;
import org.kawamori.simulators.play.ProtocolMix;
import org.kawamori.simulators.play.Targets;

/** The options of {@code simulate}, with the simulators' defaults. */
record SimulateOptions(
        String scenario,
        SimulationConfig config,
        Targets targets,
        Optional<String> dbUrl,
        boolean printCsv,
        Optional<String> settingsOut) {

    static final String USAGE =
            """
            simulate [--scenario typhoon|school|both] [--sensors N] [--tags N] [--gateways N] [--phones N]
                     [--speed X] [--duration 24h|90m|PT2H] [--seed N] [--mix mqtt:2,coap:1,https:1]
                     [--scan-every 30s] [--mqtt-url tcp://127.0.0.1:1883] [--coap-url coap://127.0.0.1:5683]
                     [--https-url https://127.0.0.1:8443] [--trust-any-certificate]
                     [--db-url URL | --print-csv] [--settings-out FILE]
              Plays a typhoon day (gauges, inundation sensors) and/or a school day (watch tags, gateways)
              against a running Kawamori over MQTT, CoAP and HTTPS, the day sped up X times.
              --db-url registers the simulated devices first; --print-csv prints them for `registry import`
              and exits; --settings-out writes their stages and reporting modes for KAWAMORI_ALERT_SETTINGS.""";

    static SimulateOptions parse(List<String> args) {
        String scenario = "both";
        SimulationConfig c = SimulationConfig.defaults();
        String mqtt = "tcp://127.0.0.1:1883";
        String coap = "coap://127.0.0.1:5683";
        String https = "https://127.0.0.1:8443";
        boolean trustAny = false;
        Optional<String> dbUrl = Optional.empty();
        boolean printCsv = false;
        Optional<String> settingsOut = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--trust-any-certificate" -> trustAny = true;
                case "--print-csv" -> printCsv = true;
                default -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("missing value of " + option);
                    }
                    String v = args.get(++i);
                    switch (option) {
                        case "--scenario" -> {
                            if (!List.of("typhoon", "school", "both").contains(v)) {
                                throw new IllegalArgumentException("--scenario is typhoon, school or both");
                            }
                            scenario = v;
                        }
                        case "--sensors" -> c = c.withSensors(Integer.parseInt(v));
                        case "--tags" -> c = c.withTags(Integer.parseInt(v));
                        case "--gateways" -> c = c.withGateways(Integer.parseInt(v));
                        case "--phones" -> c = c.withPhones(Integer.parseInt(v));
                        case "--speed" -> c = c.withSpeed(Double.parseDouble(v));
                        case "--duration" -> c = c.withDuration(duration(v));
                        case "--seed" -> c = c.withSeed(Long.parseLong(v));
                        case "--mix" -> c = c.withMix(ProtocolMix.parse(v));
                        case "--scan-every" -> c = c.withScanEvery(duration(v));
                        case "--mqtt-url" -> mqtt = v;
                        case "--coap-url" -> coap = v;
                        case "--https-url" -> https = v;
                        case "--db-url" -> dbUrl = Optional.of(v);
                        case "--settings-out" -> settingsOut = Optional.of(v);
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                }
            }
        }
        return new SimulateOptions(scenario, c, new Targets(mqtt, coap, https, trustAny), dbUrl, printCsv, settingsOut);
    }

    /** {@code 90m}, {@code 2h}, {@code 45s} or ISO-8601 ({@code PT2H}). */
    static Duration duration(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("a duration is like 90m, 2h or PT2H: " + v);
        };
    }
}
