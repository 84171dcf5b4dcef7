package org.kawamori.deploy.simulate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kawamori.core.port.RegistryAdmin;
import org.kawamori.simulators.SimulationConfig;
import org.kawamori.simulators.basin.TyphoonDay;
import org.kawamori.simulators.play.Counters;
import org.kawamori.simulators.play.ProgressLine;
import org.kawamori.simulators.play.Scenario;
import org.kawamori.simulators.play.SimDevice;
import org.kawamori.simulators.play.SimulatedClock;
import org.kawamori.simulators.play.SimulationRun;
import org.kawamori.simulators.watch.SchoolDay;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.PostgresRegistryAdmin;

/**
 * {@code java -jar kawamori.jar simulate …}: plays the basin's typhoon day and/or a school day against
 * any running Kawamori ({@link SimulationRun} describes the message flow) and prints what was sent,
 * acknowledged and failed. The simulated devices are registered first through the registry port when
 * {@code --db-url} is given (their secrets derived from the seed and hashed with {@value
 * #SIM_HASH_ITERATIONS} PBKDF2 iterations: they are not secret, and the broker checks each login), or
 * printed as CSV for {@code registry import}.
 *
 * @return exit status 0 when every message was acknowledged, 1 when some failed or stayed in flight,
 *     2 for bad usage
 */
public final class SimulateCommand {

    /** Seed-derived secrets protect nothing; hashing them at 600,000 iterations would only slow logins. */
    static final int SIM_HASH_ITERATIONS = 10_000;

    private final PrintStream out;
    private final PrintStream err;

    public SimulateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static String usage() {
        return SimulateOptions.USAGE;
    }

    public int run(List<String> args) throws Exception {
        SimulateOptions options;
        try {
            options = SimulateOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + SimulateOptions.USAGE);
            return 2;
        }
        SimulationConfig config = options.config();
        List<Scenario> layout = scenarios(options.scenario(), config, Instant.EPOCH);
        List<SimDevice> devices =
                layout.stream().flatMap(s -> s.devices().stream()).toList();
        if (options.settingsOut().isPresent()) {
            writeSettings(layout, Path.of(options.settingsOut().get()));
        }
        if (options.printCsv()) {
            out.print(SimulatedRegistry.csv(devices));
            return 0;
        }
        if (options.dbUrl().isPresent()) {
            register(options.dbUrl().get(), devices);
        }
        SimulatedClock clock = new SimulatedClock(Clock.systemUTC(), config.duration(), config.speed());
        List<Scenario> scenarios = scenarios(options.scenario(), config, clock.simStart());
        out.printf(
                Locale.ROOT,
                "simulating %s: %d device(s), %s of simulated time at %.0fx (%.1f min), seed %d%n",
                options.scenario(),
                devices.size(),
                config.duration(),
                config.speed(),
                config.duration().toMillis() / config.speed() / 60_000,
                config.seed());
        long begin = System.nanoTime();
        Counters.Totals totals;
        try (SimulationRun run = new SimulationRun(scenarios, clock, options.targets());
                ProgressLine ignored = new ProgressLine(
                        out, System.console() != null, run.counters(), clock::now, Duration.ofSeconds(10))) {
            totals = run.run(Duration.ofSeconds(60));
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        out.printf(
                Locale.ROOT,
                "sent %d, acknowledged %d, failed %d, unanswered %d in %.1f s (%.1f msg/s acknowledged);"
                        + " rows acknowledged: %d reading(s), %d detection(s)%n",
                totals.sent(),
                totals.acked(),
                totals.failed(),
                totals.inFlight(),
                seconds,
                totals.acked() / seconds,
                totals.readingsAcked(),
                totals.detectionsAcked());
        return totals.failed() == 0 && totals.inFlight() == 0 ? 0 : 1;
    }

    static List<Scenario> scenarios(String which, SimulationConfig config, Instant start) {
        List<Scenario> scenarios = new ArrayList<>();
        if (!which.equals("school")) {
            scenarios.add(new TyphoonDay(config, start));
        }
        if (!which.equals("typhoon")) {
            scenarios.add(new SchoolDay(config, start));
        }
        return scenarios;
    }

    private void register(String dbUrl, List<SimDevice> devices) {
        try (Database database = new Database(DatabaseConfig.fromJdbcUrl(dbUrl))) {
            RegistryAdmin admin =
                    new PostgresRegistryAdmin(database.dataSource(), Optional.empty(), SIM_HASH_ITERATIONS);
            RegistryAdmin.Stored stored = admin.register(SimulatedRegistry.entries(devices));
            out.printf(
                    Locale.ROOT,
                    "registered %d sensor(s), %d gateway(s), %d tag(s) (%d new)%n",
                    stored.sensors(),
                    stored.gateways(),
                    stored.tags(),
                    stored.created());
        }
    }

    private void writeSettings(List<Scenario> scenarios, Path file) throws IOException {
        for (Scenario s : scenarios) {
            if (s instanceof TyphoonDay day) {
                Files.writeString(file, SimulatedRegistry.settings(day.stations()));
                out.println("wrote the stations' alert settings to " + file);
            }
        }
    }
}
