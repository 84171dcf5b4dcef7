package org.kawamori.deploy;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code kawamori demo}. Each option's default is stated in {@link #USAGE}.
 *
 * @param host address every server listens on
 * @param httpPort explicit HTTP port, or empty for 8080 (or a free port if 8080 is taken)
 * @param mqttPort explicit port of the embedded broker, or empty for 1883 (or a free one)
 * @param coapPort explicit UDP port of CoAP, or empty for 5683 (or a free one)
 * @param dataDirectory where the embedded database and broker keep their data
 * @param simulators whether to play the demo basin's gauges
 * @param dbUrl an external PostgreSQL (JDBC URL) instead of the embedded one
 * @param mqttUrl an external MQTT broker instead of the embedded one
 * @param mqttUser user at the external broker
 * @param mqttPassword password at the external broker
 * @param httpsPort HTTPS port of the gateway endpoint
 * @param coapsPort CoAP over DTLS UDP port
 * @param mqttSharedGroup MQTT 5 shared subscription group at the external broker, so that several
 *     instances split the messages
 */
public record DemoOptions(
        String host,
        Optional<Integer> httpPort,
        Optional<Integer> mqttPort,
        Optional<Integer> coapPort,
        Optional<Integer> httpsPort,
        Optional<Integer> coapsPort,
        Path dataDirectory,
        boolean simulators,
        Optional<String> dbUrl,
        Optional<String> mqttUrl,
        Optional<String> mqttUser,
        Optional<String> mqttPassword,
        Optional<String> mqttSharedGroup) {

    public static final String USAGE =
            """
            Usage: java -jar kawamori.jar demo [options]

              --http-port N      map and API port (default 8080; a free one if 8080 is taken)
              --mqtt-port N      embedded MQTT broker port (default 1883; a free one if taken)
              --coap-port N      CoAP UDP port (default 5683; a free one if taken)
              --https-port N     HTTPS port of the gateway endpoint (default 8443; a free one if taken)
              --coaps-port N     CoAP over DTLS port (default 5684; a free one if taken); the devices'
                                 keys are sealed with KAWAMORI_PSK_MASTER_KEY, or with a key kept in the
                                 data directory for the embedded database
              --host ADDR        address to listen on (default 127.0.0.1)
              --data-dir DIR     data of the embedded database and broker (default ./kawamori-data)
              --no-simulators    do not play the demo basin's gauges
              --db-url URL       use this PostgreSQL instead of the embedded one, e.g.
                                 jdbc:postgresql://127.0.0.1:5432/test?user=postgres
              --mqtt-url URL     use this MQTT broker instead of the embedded one, e.g. tcp://127.0.0.1:1883
              --mqtt-user NAME   user at that broker (default: anonymous)
              --mqtt-password P  password at that broker
              --mqtt-shared-group G  subscribe in MQTT 5 shared subscription group G at that broker, so
                                 that several instances split the messages (scale-out)
            A port given explicitly must be free, or the demo stops and names the option.
            """;

    public static DemoOptions defaults() {
        return new DemoOptions(
                "127.0.0.1",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Path.of("kawamori-data"),
                true,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    public static DemoOptions parse(List<String> args) {
        DemoOptions o = defaults();
        Deque<String> rest = new ArrayDeque<>(args);
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--http-port" -> o = o.with(b -> b.httpPort = Optional.of(port(option, value(option, rest))));
                case "--mqtt-port" -> o = o.with(b -> b.mqttPort = Optional.of(port(option, value(option, rest))));
                case "--coap-port" -> o = o.with(b -> b.coapPort = Optional.of(port(option, value(option, rest))));
                case "--https-port" -> o = o.with(b -> b.httpsPort = Optional.of(port(option, value(option, rest))));
                case "--coaps-port" -> o = o.with(b -> b.coapsPort = Optional.of(port(option, value(option, rest))));
                case "--host" -> o = o.with(b -> b.host = value(option, rest));
                case "--data-dir" -> o = o.with(b -> b.dataDirectory = Path.of(value(option, rest)));
                case "--no-simulators" -> o = o.with(b -> b.simulators = false);
                case "--db-url" -> o = o.with(b -> b.dbUrl = Optional.of(jdbcUrl(option, value(option, rest))));
                case "--mqtt-url" -> o = o.with(b -> b.mqttUrl = Optional.of(mqttUrl(option, value(option, rest))));
                case "--mqtt-user" -> o = o.with(b -> b.mqttUser = Optional.of(value(option, rest)));
                case "--mqtt-password" -> o = o.with(b -> b.mqttPassword = Optional.of(value(option, rest)));
                case "--mqtt-shared-group" -> o = o.with(b -> b.mqttSharedGroup = Optional.of(value(option, rest)));
                default -> throw new StartupException("unknown option '" + option + "'\n\n" + USAGE);
            }
        }
        return o;
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty() || rest.peek().startsWith("--")) {
            throw new StartupException(option + " needs a value\n\n" + USAGE);
        }
        return rest.pop();
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StartupException(option + " " + value + ": not a port number (0-65535)");
        }
    }

    private static String jdbcUrl(String option, String value) {
        if (!value.startsWith("jdbc:postgresql://")) {
            throw new StartupException(option + ": expected a URL like jdbc:postgresql://host:5432/db?user=postgres");
        }
        return value;
    }

    private static String mqttUrl(String option, String value) {
        if (!value.matches("(tcp|ssl)://[^/]+:\\d+")) {
            throw new StartupException(option + ": expected a URL like tcp://127.0.0.1:1883");
        }
        return value;
    }

    private DemoOptions with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** Mutable copy used while parsing. */
    private static final class Builder {
        String host;
        Optional<Integer> httpPort;
        Optional<Integer> mqttPort;
        Optional<Integer> coapPort;
        Optional<Integer> httpsPort;
        Optional<Integer> coapsPort;
        Path dataDirectory;
        boolean simulators;
        Optional<String> dbUrl;
        Optional<String> mqttUrl;
        Optional<String> mqttUser;
        Optional<String> mqttPassword;
        Optional<String> mqttSharedGroup;

        Builder(DemoOptions o) {
            host = o.host;
            httpPort = o.httpPort;
            mqttPort = o.mqttPort;
            coapPort = o.coapPort;
            httpsPort = o.httpsPort;
            coapsPort = o.coapsPort;
            dataDirectory = o.dataDirectory;
            simulators = o.simulators;
            dbUrl = o.dbUrl;
            mqttUrl = o.mqttUrl;
            mqttUser = o.mqttUser;
            mqttPassword = o.mqttPassword;
            mqttSharedGroup = o.mqttSharedGroup;
        }

        DemoOptions build() {
            return new DemoOptions(
                    host,
                    httpPort,
                    mqttPort,
                    coapPort,
                    httpsPort,
                    coapsPort,
                    dataDirectory,
                    simulators,
                    dbUrl,
                    mqttUrl,
                    mqttUser,
                    mqttPassword,
                    mqttSharedGroup);
        }
    }

    @Override
    public String toString() {
        return "DemoOptions[host=" + host + ", data=" + dataDirectory + ", simulators=" + simulators + ", db="
                + dbUrl.map(Secrets::maskUrl).orElse("embedded") + ", mqtt=" + mqttUrl.orElse("embedded")
                + ", mqttPassword=" + (mqttPassword.isPresent() ? "****" : "-") + "]";
    }
}
