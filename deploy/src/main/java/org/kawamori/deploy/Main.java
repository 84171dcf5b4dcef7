package org.kawamori.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.kawamori.deploy.bench.AlertBenchOptions;
import org.kawamori.deploy.bench.AlertLatencyBenchmark;
import org.kawamori.deploy.bench.BenchSuite;
import org.kawamori.deploy.bench.MapBenchOptions;
import org.kawamori.deploy.bench.MapLoadBenchmark;
import org.kawamori.deploy.registry.AccountsCommand;
import org.kawamori.deploy.registry.RegistryCommand;
import org.kawamori.deploy.serve.HealthCommand;
import org.kawamori.deploy.serve.ServeCommand;
import org.kawamori.deploy.simulate.SimulateCommand;
import org.kawamori.ingest.broker.EmbeddedBrokerConfig;
import org.kawamori.ingest.coap.CoapIngestConfig;
import org.kawamori.ingest.https.GatewayHttpsConfig;
import org.kawamori.ingest.mqtt.MqttIngestConfig;
import org.kawamori.timeseries.PskSealer;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** {@code java -jar kawamori.jar demo [options]}. */
public final class Main {

    static final int DEFAULT_HTTP_PORT = 8080;

    private Main() {}

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        try {
            switch (command) {
                case "demo" -> demo(DemoOptions.parse(arguments.subList(1, arguments.size())), System.out);
                case "registry" ->
                    System.exit(
                            new RegistryCommand(System.out, System.err).run(arguments.subList(1, arguments.size())));
                case "accounts" ->
                    System.exit(
                            new AccountsCommand(System.out, System.err).run(arguments.subList(1, arguments.size())));
                case "bench" -> System.exit(bench(arguments.subList(1, arguments.size())));
                case "simulate" ->
                    System.exit(
                            new SimulateCommand(System.out, System.err).run(arguments.subList(1, arguments.size())));
                case "serve" -> System.exit(new ServeCommand(System.err).run(arguments.subList(1, arguments.size())));
                case "health" ->
                    System.exit(new HealthCommand(System.out, System.err).run(arguments.subList(1, arguments.size())));
                case "help", "--help", "-h" -> System.out.println(usage());
                default -> fail("unknown command '" + command + "'\n\n" + usage());
            }
        } catch (StartupException e) {
            fail(e.getMessage());
        } catch (Exception e) {
            e.printStackTrace();
            fail("Kawamori failed to start: " + e);
        }
    }

    private static String usage() {
        return "Commands:\n  demo      everything in one process: embedded broker and database, simulators, map\n"
                + "  serve     production: external broker and database, configured by the environment\n"
                + "  health    exit 0 when the local instance is ready (the container health check)\n"
                + "  registry  add, import, list, enable and disable sensors, gateways and tags\n"
                + "  accounts  logins of officers, guardians and administrators; families and their links\n"
                + "  bench     suite: broker, COPY, end-to-end and alert figures in one table; alerts: alert latency\n"
                + "            under load; map: the sensors endpoint and the page's first draw\n"
                + "            (the store benchmark: bench/target/kawamori-bench.jar)\n"
                + "  simulate  a typhoon day and a school day against a running Kawamori\n\n"
                + DemoOptions.USAGE + "\n\n" + ServeCommand.USAGE + "\n\n" + RegistryCommand.USAGE + "\n\n"
                + AccountsCommand.USAGE + "\n\n"
                + AlertBenchOptions.USAGE + "\n\n" + SimulateCommand.usage();
    }

    private static int bench(List<String> args) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("suite")) {
            try {
                return new BenchSuite(args.subList(1, args.size()).toArray(String[]::new), System.out).run();
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage() + "\n" + BenchSuite.usage());
                return 2;
            }
        }
        if (!args.isEmpty() && args.get(0).equals("map")) {
            return benchMap(args.subList(1, args.size()));
        }
        if (args.isEmpty() || !args.get(0).equals("alerts")) {
            System.err.println(AlertBenchOptions.USAGE + "\n\n" + MapBenchOptions.USAGE);
            return 2;
        }
        AlertBenchOptions options;
        try {
            options = AlertBenchOptions.parse(args.subList(1, args.size()).toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + AlertBenchOptions.USAGE);
            return 2;
        }
        return new AlertLatencyBenchmark(options, System.out).run().meetsTarget() ? 0 : 1;
    }

    private static int benchMap(List<String> args) throws Exception {
        MapBenchOptions options;
        try {
            options = MapBenchOptions.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + MapBenchOptions.USAGE);
            return 2;
        }
        return new MapLoadBenchmark(options, System.out).run();
    }

    private static void fail(String message) {
        System.err.println("kawamori: " + message);
        System.exit(2);
    }

    static void demo(DemoOptions options, PrintStream out) throws Exception {
        long begin = System.nanoTime();
        AppConfig config = toAppConfig(options);
        KawamoriApp app = KawamoriApp.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "kawamori-shutdown"));
        long millis = (System.nanoTime() - begin) / 1_000_000;
        long jvmMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        out.println(app.endpoints().banner());
        out.printf("  Started in %.1f s (JVM up %.1f s)%n%n", millis / 1000.0, jvmMillis / 1000.0);
        stopped.await();
    }

    /** Turns the options into a configuration with every port chosen. */
    static AppConfig toAppConfig(DemoOptions o) {
        String host = o.host();
        int http = PortChoice.tcp(host, o.httpPort(), DEFAULT_HTTP_PORT, "--http-port");
        int coap = PortChoice.udp(host, o.coapPort(), CoapIngestConfig.DEFAULT_PORT, "--coap-port");
        int https = PortChoice.tcp(host, o.httpsPort(), GatewayHttpsConfig.DEFAULT_PORT, "--https-port");
        AppConfig.Broker broker = o.mqttUrl()
                .<AppConfig.Broker>map(
                        url -> new AppConfig.Broker.External(url, o.mqttUser(), o.mqttPassword(), o.mqttSharedGroup()))
                .orElseGet(() -> new AppConfig.Broker.Embedded(
                        PortChoice.tcp(host, o.mqttPort(), EmbeddedBrokerConfig.DEFAULT_PORT, "--mqtt-port"),
                        o.dataDirectory().resolve("broker")));
        AppConfig.Database database = o.dbUrl()
                .<AppConfig.Database>map(AppConfig.Database.External::new)
                .orElseGet(
                        () -> new AppConfig.Database.Embedded(o.dataDirectory().resolve("postgres")));
        int coaps = PortChoice.udp(host, o.coapsPort(), CoapIngestConfig.DEFAULT_DTLS_PORT, "--coaps-port");
        return new AppConfig(
                host,
                http,
                coap,
                https,
                coaps,
                pskMasterKey(o),
                broker,
                database,
                o.simulators(),
                true,
                "kawamori-demo",
                MqttIngestConfig.DEFAULT_SESSION_EXPIRY,
                AppSettings.fromEnvironment());
    }

    /**
     * The key that seals the devices' DTLS keys: {@code KAWAMORI_PSK_MASTER_KEY}; for the embedded
     * database, else one made once and kept beside it ({@code psk-master.key}, owner-only). With an
     * external database and no variable there is no DTLS endpoint: the key must not live with the data.
     */
    static Optional<String> pskMasterKey(DemoOptions o) {
        String fromEnvironment = System.getenv("KAWAMORI_PSK_MASTER_KEY");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.strip());
        }
        if (o.dbUrl().isPresent()) {
            return Optional.empty();
        }
        Path file = o.dataDirectory().resolve("psk-master.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(o.dataDirectory());
                Files.writeString(file, PskSealer.newMasterKey());
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data directory's own permissions apply
                }
            }
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            throw new StartupException("cannot read or create the DTLS master key " + file + ": " + e.getMessage());
        }
    }
}
