package org.kawamori.deploy.registry;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import org.kawamori.core.DeviceId;
import org.kawamori.core.port.RegistryAdmin;
import org.kawamori.core.registry.EntryType;
import org.kawamori.core.registry.RegistryCsv;
import org.kawamori.core.registry.RegistryEntry;
import org.kawamori.core.security.PasswordHash;
import org.kawamori.mapweb.AdminTokenAuth;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.PostgresRegistryAdmin;
import org.kawamori.timeseries.PskSealer;

/**
 * {@code java -jar kawamori.jar registry [--db-url URL] import|add|list|enable|disable|set-psk|remove-psk …}:
 * manages the sensors, gateways and tags of the registry from the command line, through core's
 * {@link RegistryAdmin}. Secrets and DTLS keys are read from a file or stdin, never from the command
 * line (where {@code ps} and the shell history would show them), are hashed or sealed before they are
 * stored and are never printed; tag ids are never listed (they are personal data), only counted.
 */
public final class RegistryCommand {

    public static final String USAGE =
            """
            usage: java -jar kawamori.jar registry [--db-url URL] <command>
              import FILE.csv                        add or update sensors, gateways and tags from a CSV
                                                     (all lines or none; columns: type,id,municipality,
                                                     kind,name,lat,lon,secret,experimental)
              add sensor|gateway|tag ID --municipality CODE [--kind K] [--name N] [--lat D --lon D]
                  [--experimental] [--secret-file F | --secret-stdin]
                                                     add or update one, checked as a CSV line is; its
                                                     secret (MQTT password, gateway token) from F or stdin
              list                                   sensors and gateways; tags as counts per municipality
              enable|disable sensor|gateway|tag ID   let a device or tag in, or keep it out
              set-psk sensor|gateway ID [--key-file F]
                                                     store the DTLS pre-shared key (text, 8-64 bytes, as
                                                     coap-client -k takes it) read from stdin or F, sealed
                                                     under KAWAMORI_PSK_MASTER_KEY
              remove-psk sensor|gateway ID           remove it: the device's DTLS handshakes fail from now on
              hash-token                             print the hash of an admin API token read from stdin,
                                                     for KAWAMORI_ADMIN_TOKEN_HASH (needs no database)
            The database is --db-url, else the environment variable KAWAMORI_DB_URL (a JDBC URL; user
            and password may be parameters). Its schema is migrated first, as at start-up. Secrets and
            keys are never taken from the command line; a trailing line break in a file or stdin is
            dropped.""";

    static final String MASTER_KEY_VARIABLE = "KAWAMORI_PSK_MASTER_KEY";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;
    private final SecretInput secrets;

    public RegistryCommand(PrintStream out, PrintStream err) {
        this(System.in, out, err, System::getenv, Optional.ofNullable(System.console()));
    }

    /** For tests: stdin, the environment and no terminal. */
    public RegistryCommand(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        this(in, out, err, environment::get, Optional.empty());
    }

    private RegistryCommand(
            InputStream in,
            PrintStream out,
            PrintStream err,
            Function<String, String> environment,
            Optional<Console> console) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.secrets = new SecretInput(in, console);
    }

    /** @return the exit status: 0 done, 1 refused (bad lines, unknown id, bad key), 2 bad usage or setup */
    public int run(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        if (rest.equals(List.of("hash-token"))) {
            return hashToken();
        }
        DatabaseArgument db = DatabaseArgument.of(rest, environment);
        if (db.problem().isPresent()) {
            err.println(db.problem().get());
            err.println(USAGE);
            return 2;
        }
        rest = db.rest();
        Optional<String> dbUrl = db.url();
        String command = rest.get(0);
        List<String> operands = rest.subList(1, rest.size());
        try {
            // everything that needs no database is checked and read first
            Action action = parse(command, operands);
            try (Database database = new Database(DatabaseConfig.fromJdbcUrl(dbUrl.get()))) {
                return action.run(new PostgresRegistryAdmin(database.dataSource(), action.sealer()));
            }
        } catch (Refused e) {
            err.println(e.getMessage());
            if (e.status == 2) {
                err.println(USAGE);
            }
            return e.status;
        }
    }

    /** {@code hash-token}: the token from stdin (or typed without echo), its PBKDF2 hash to stdout. */
    private int hashToken() {
        try {
            char[] token = secrets.fromStdin("admin token: ");
            try {
                if (token.length < AdminTokenAuth.MIN_TOKEN_LENGTH) {
                    throw new Refused(
                            1,
                            "an admin token has at least " + AdminTokenAuth.MIN_TOKEN_LENGTH
                                    + " characters (e.g. openssl rand -base64 32)");
                }
                out.println(PasswordHash.hash(token));
            } finally {
                Arrays.fill(token, '\0');
            }
            return 0;
        } catch (Refused e) {
            err.println(e.getMessage());
            return e.status;
        }
    }

    /** A parsed command: what it needs and what it does. */
    private interface Action {
        int run(RegistryAdmin admin);

        default Optional<PskSealer> sealer() {
            return Optional.empty();
        }
    }

    private Action parse(String command, List<String> operands) {
        switch (command) {
            case "import" -> {
                expect(operands.size() == 1);
                RegistryCsv.Parsed parsed = readCsv(Path.of(operands.get(0)));
                return admin -> register(admin, parsed.entries());
            }
            case "add" -> {
                expect(operands.size() >= 2);
                RegistryEntry entry =
                        addEntry(type(operands.get(0), false), operands.get(1), operands.subList(2, operands.size()));
                return admin -> register(admin, List.of(entry));
            }
            case "list" -> {
                expect(operands.isEmpty());
                return this::list;
            }
            case "enable", "disable" -> {
                expect(operands.size() == 2);
                EntryType type = type(operands.get(0), false);
                String id = operands.get(1);
                boolean enabled = command.equals("enable");
                return admin -> setEnabled(admin, type, id, enabled);
            }
            case "set-psk" -> {
                expect(operands.size() == 2
                        || (operands.size() == 4 && operands.get(2).equals("--key-file")));
                EntryType type = type(operands.get(0), true);
                DeviceId id = deviceId(type, operands.get(1));
                PskSealer sealer = sealer();
                byte[] key = operands.size() == 4
                        ? SecretInput.bytes(SecretInput.fromFile(Path.of(operands.get(3))))
                        : SecretInput.bytes(secrets.fromStdin("DTLS key for " + type.label() + " " + id + ": "));
                if (key.length < 8 || key.length > 64) {
                    Arrays.fill(key, (byte) 0);
                    throw new Refused(1, "a DTLS key has 8 to 64 bytes; this one has " + key.length);
                }
                return new Action() {
                    @Override
                    public int run(RegistryAdmin admin) {
                        try {
                            admin.setPsk(type, id, key);
                        } catch (NoSuchElementException e) {
                            throw new Refused(1, e.getMessage());
                        } finally {
                            Arrays.fill(key, (byte) 0);
                        }
                        out.println("stored a new DTLS key for " + type.label() + " " + id + " (sealed)");
                        return 0;
                    }

                    @Override
                    public Optional<PskSealer> sealer() {
                        return Optional.of(sealer);
                    }
                };
            }
            case "remove-psk" -> {
                expect(operands.size() == 2);
                EntryType type = type(operands.get(0), true);
                DeviceId id = deviceId(type, operands.get(1));
                return admin -> {
                    if (!admin.removePsk(type, id)) {
                        throw new Refused(1, type.label() + " " + id + " has no DTLS key");
                    }
                    out.println("removed the DTLS key of " + type.label() + " " + id);
                    return 0;
                };
            }
            default -> throw new Refused(2, "unknown command '" + command + "'");
        }
    }

    private static void expect(boolean wellFormed) {
        if (!wellFormed) {
            throw new Refused(2, "wrong arguments");
        }
    }

    private static EntryType type(String label, boolean devicesOnly) {
        Optional<EntryType> type = EntryType.ofLabel(label);
        if (type.isEmpty() || (devicesOnly && type.get() == EntryType.TAG)) {
            throw new Refused(2, devicesOnly ? "give sensor or gateway" : "give sensor, gateway or tag");
        }
        return type.get();
    }

    private static DeviceId deviceId(EntryType type, String id) {
        if (!DeviceId.isValid(id)) {
            throw new Refused(
                    1,
                    "no " + type.label() + " has the id '" + id + "': ids are 1-64 letters, digits, '.', '_' or '-'");
        }
        return DeviceId.of(id);
    }

    private PskSealer sealer() {
        String masterKey = environment.apply(MASTER_KEY_VARIABLE);
        if (masterKey == null || masterKey.isBlank()) {
            throw new Refused(
                    2,
                    MASTER_KEY_VARIABLE + " is not set: it is the master key (base64, 32 bytes) that seals the"
                            + " DTLS keys; set the one the instances run with (the demo keeps it in"
                            + " <data dir>/psk-master.key), or a new one with: openssl rand -base64 32");
        }
        try {
            return PskSealer.fromBase64(masterKey);
        } catch (IllegalArgumentException e) {
            throw new Refused(2, MASTER_KEY_VARIABLE + ": " + e.getMessage());
        }
    }

    private RegistryCsv.Parsed readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Refused(1, "cannot read " + file + ": " + e.getMessage());
        }
        RegistryCsv.Parsed parsed = RegistryCsv.parse(text);
        if (!parsed.ok()) {
            StringBuilder problems = new StringBuilder();
            parsed.problems().forEach(p -> problems.append(file.getFileName())
                    .append(": ")
                    .append(p)
                    .append('\n'));
            problems.append("nothing imported: ")
                    .append(parsed.problems().size())
                    .append(" bad line(s)");
            throw new Refused(1, problems.toString());
        }
        return parsed;
    }

    private static final List<String> ADD_OPTIONS = List.of("municipality", "kind", "name", "lat", "lon");

    private RegistryEntry addEntry(EntryType type, String id, List<String> options) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id);
        Optional<char[]> secret = Optional.empty();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String name = option.startsWith("--") ? option.substring(2) : "";
            if (name.equals("experimental")) {
                fields.put("experimental", "true");
            } else if (name.equals("secret-stdin")) {
                secret = Optional.of(secrets.fromStdin("secret of " + type.label() + " " + id + ": "));
            } else if (name.equals("secret-file") && i + 1 < options.size()) {
                secret = Optional.of(SecretInput.fromFile(Path.of(options.get(++i))));
            } else if (ADD_OPTIONS.contains(name) && i + 1 < options.size()) {
                fields.put(name, options.get(++i));
            } else if (name.equals("secret")) {
                throw new Refused(
                        2, "a secret is never taken from the command line: use --secret-file F or --secret-stdin");
            } else {
                throw new Refused(2, "unknown or incomplete option '" + option + "'");
            }
        }
        if (secret.isPresent() && type == EntryType.TAG) {
            throw new Refused(2, "a tag has no secret");
        }
        RegistryEntry entry;
        try {
            entry = RegistryCsv.entry(type, fields);
        } catch (IllegalArgumentException e) {
            throw new Refused(1, e.getMessage());
        }
        if (secret.isEmpty()) {
            return entry;
        }
        if (secret.get().length == 0) {
            throw new Refused(1, "the secret is empty");
        }
        if (entry instanceof RegistryEntry.SensorEntry s) {
            return new RegistryEntry.SensorEntry(0, s.sensor(), secret);
        }
        RegistryEntry.GatewayEntry g = (RegistryEntry.GatewayEntry) entry;
        return new RegistryEntry.GatewayEntry(0, g.gateway(), g.name(), secret);
    }

    private int register(RegistryAdmin admin, List<RegistryEntry> entries) {
        RegistryAdmin.Stored stored;
        try {
            stored = admin.register(entries);
        } catch (IllegalArgumentException e) {
            throw new Refused(1, "nothing imported: " + e.getMessage());
        } finally {
            entries.forEach(RegistryCommand::wipeSecret);
        }
        out.printf(
                "imported %d sensor(s), %d gateway(s), %d tag(s) (%d new)%n",
                stored.sensors(), stored.gateways(), stored.tags(), stored.created());
        return 0;
    }

    private static void wipeSecret(RegistryEntry entry) {
        if (entry instanceof RegistryEntry.SensorEntry s) {
            s.secret().ifPresent(secret -> Arrays.fill(secret, '\0'));
        } else if (entry instanceof RegistryEntry.GatewayEntry g) {
            g.secret().ifPresent(secret -> Arrays.fill(secret, '\0'));
        }
    }

    private int list(RegistryAdmin admin) {
        out.println("sensors:");
        for (RegistryAdmin.SensorRow row : admin.sensors()) {
            var s = row.sensor();
            out.printf(
                    "  %-24s %s %-11s %-8s %-8s %-4s %s%n",
                    s.id(),
                    s.municipality().value(),
                    s.kind(),
                    s.enabled() ? "enabled" : "disabled",
                    row.hasSecret() ? "password" : "-",
                    row.hasPsk() ? "dtls" : "-",
                    s.name());
        }
        out.println("gateways:");
        for (RegistryAdmin.GatewayRow row : admin.gateways()) {
            var g = row.gateway();
            out.printf(
                    "  %-24s %s %-11s %-8s %-8s %-4s %s %s%n",
                    g.id(),
                    g.municipality().value(),
                    g.kind(),
                    g.enabled() ? "enabled" : "disabled",
                    row.hasSecret() ? "secret" : "-",
                    row.hasPsk() ? "dtls" : "-",
                    g.position().map(p -> p.latitude() + "," + p.longitude()).orElse("(moves)"),
                    row.name().orElse(""));
        }
        out.println("tags (counts; tag ids are personal data and not listed):");
        admin.tagCounts().forEach((m, n) -> out.printf("  %s %d%n", m.value(), n));
        return 0;
    }

    private int setEnabled(RegistryAdmin admin, EntryType type, String id, boolean enabled) {
        try {
            admin.setEnabled(type, id, enabled);
        } catch (NoSuchElementException e) {
            throw new Refused(1, e.getMessage());
        }
        out.println(type.label() + " " + (type == EntryType.TAG ? "" : id + " ") + (enabled ? "enabled" : "disabled"));
        return 0;
    }
}
