package org.kawamori.deploy.registry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.Sensor;
import org.kawamori.core.TagId;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.PostgresGatewayRegistry;
import org.kawamori.timeseries.PostgresSensorRegistry;
import org.kawamori.timeseries.TagRegistry;

/**
 * {@code java -jar kawamori.jar registry [--db-url URL] import|list|enable|disable …}: manages the
 * sensors, gateways and tags of the registry from the command line. Secrets are hashed before they
 * are stored and never printed; tag ids are never listed (they are personal data), only counted.
 */
public final class RegistryCommand {

    public static final String USAGE =
            """
            usage: java -jar kawamori.jar registry [--db-url URL] <command>
              import FILE.csv                        add or update sensors, gateways and tags from a CSV
                                                     (all lines or none; columns: type,id,municipality,
                                                     kind,name,lat,lon,secret,experimental)
              list                                   sensors and gateways; tags as counts per municipality
              enable|disable sensor|gateway|tag ID   let a device or tag in, or keep it out
            The database is --db-url, else the environment variable KAWAMORI_DB_URL (a JDBC URL; user
            and password may be parameters). Its schema is migrated first, as at start-up.""";

    private final PrintStream out;
    private final PrintStream err;

    public RegistryCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return the exit status: 0 done, 1 refused (bad lines, unknown id), 2 bad usage */
    public int run(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        Optional<String> dbUrl = Optional.ofNullable(System.getenv("KAWAMORI_DB_URL"));
        if (rest.size() >= 2 && rest.get(0).equals("--db-url")) {
            dbUrl = Optional.of(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || dbUrl.isEmpty()) {
            err.println(dbUrl.isEmpty() ? "no database: give --db-url or set KAWAMORI_DB_URL" : "no command");
            err.println(USAGE);
            return 2;
        }
        try (Database database = new Database(DatabaseConfig.fromJdbcUrl(dbUrl.get()))) {
            DataSource ds = database.dataSource();
            return switch (rest.get(0)) {
                case "import" -> rest.size() == 2 ? importFile(ds, Path.of(rest.get(1))) : usage();
                case "list" -> rest.size() == 1 ? list(ds) : usage();
                case "enable", "disable" ->
                    rest.size() == 3
                            ? setEnabled(
                                    ds, rest.get(1), rest.get(2), rest.get(0).equals("enable"))
                            : usage();
                default -> usage();
            };
        }
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }

    private int importFile(DataSource ds, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        RegistryCsv.Parsed parsed = RegistryCsv.parse(text);
        if (!parsed.problems().isEmpty()) {
            parsed.problems().forEach(p -> err.println(file.getFileName() + ": " + p));
            err.println("nothing imported: " + parsed.problems().size() + " bad line(s)");
            return 1;
        }
        PostgresSensorRegistry sensors = new PostgresSensorRegistry(ds);
        PostgresGatewayRegistry gateways = new PostgresGatewayRegistry(ds);
        TagRegistry tags = new TagRegistry(ds);
        // hashing secrets is deliberately slow: all cores
        parsed.entries().parallelStream().forEach(entry -> {
            if (entry instanceof RegistryEntry.SensorEntry s) {
                sensors.register(s.sensor(), s.secret());
            } else if (entry instanceof RegistryEntry.GatewayEntry g) {
                gateways.register(g.gateway(), g.name(), g.secret());
            } else if (entry instanceof RegistryEntry.TagEntry t) {
                tags.register(t.tag(), t.municipality(), t.nickname(), true);
            }
        });
        long sensorCount = parsed.entries().stream()
                .filter(e -> e instanceof RegistryEntry.SensorEntry)
                .count();
        long gatewayCount = parsed.entries().stream()
                .filter(e -> e instanceof RegistryEntry.GatewayEntry)
                .count();
        long tagCount = parsed.entries().stream()
                .filter(e -> e instanceof RegistryEntry.TagEntry)
                .count();
        out.printf("imported %d sensor(s), %d gateway(s), %d tag(s)%n", sensorCount, gatewayCount, tagCount);
        return 0;
    }

    private int list(DataSource ds) {
        out.println("sensors:");
        for (Sensor s : new PostgresSensorRegistry(ds).sensors()) {
            out.printf(
                    "  %-24s %s %-11s %-8s %s%n",
                    s.id(), s.municipality().value(), s.kind(), s.enabled() ? "enabled" : "disabled", s.name());
        }
        out.println("gateways:");
        for (Gateway g : new PostgresGatewayRegistry(ds).gateways()) {
            out.printf(
                    "  %-24s %s %-11s %-8s %s%n",
                    g.id(),
                    g.municipality().value(),
                    g.kind(),
                    g.enabled() ? "enabled" : "disabled",
                    g.position().map(p -> p.latitude() + "," + p.longitude()).orElse("(moves)"));
        }
        out.println("tags (counts; tag ids are personal data and not listed):");
        new TagRegistry(ds).countsByMunicipality().forEach((m, n) -> out.printf("  %s %d%n", m.value(), n));
        return 0;
    }

    private int setEnabled(DataSource ds, String type, String id, boolean enabled) {
        try {
            switch (type) {
                case "sensor" -> new PostgresSensorRegistry(ds).setEnabled(DeviceId.of(id), enabled);
                case "gateway" -> new PostgresGatewayRegistry(ds).setEnabled(DeviceId.of(id), enabled);
                case "tag" -> new TagRegistry(ds).setEnabled(new TagId(id), enabled);
                default -> {
                    return usage();
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.println(type + " " + (type.equals("tag") ? "" : id + " ") + (enabled ? "enabled" : "disabled"));
        return 0;
    }
}
