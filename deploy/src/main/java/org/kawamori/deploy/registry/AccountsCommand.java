package org.kawamori.deploy.registry;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.access.Account;
import org.kawamori.core.access.Accounts;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.FamilyRegistry;
import org.kawamori.timeseries.PostgresAccounts;
import org.kawamori.timeseries.PostgresFamilyLinks;

/**
 * {@code java -jar kawamori.jar accounts [--db-url URL] …}: the logins of officers, guardians and
 * administrators, the families, and the families' links. Passwords are read from stdin (without echo on
 * a terminal) or a file, never from the command line; a family link's secret is printed once, when it
 * is issued. Every change is written to the audit log as done by {@code cli:<OS user>}.
 */
public final class AccountsCommand {

    public static final String USAGE =
            """
            usage: java -jar kawamori.jar accounts [--db-url URL] <command>
              add officer LOGIN --municipality CODE  an officer (防災担当) of one municipality
              add family LOGIN --family ID           a guardian of a registered family
              add admin LOGIN                        an administrator (registry, settings; no tag trails)
                  (each: the password, at least 12 characters, from stdin or --password-file F)
              password LOGIN [--password-file F]     set a new password
              enable|disable LOGIN                   disabling ends the account's sessions at once
              list                                   logins with their role and municipality
              family add ID --municipality CODE [--name N]
                                                     register a family (or change it)
              family assign-tag TAG --family ID      the tag (registered with `registry add tag`) is the family's
              link issue --family ID [--days N]      a link that opens the family page without a password
                                                     (default 30 days); its secret is printed once
              link list --family ID                  the family's links, without their secrets
              link revoke --family ID --id N         revoke one: its sessions end at once
            The database is --db-url, else KAWAMORI_DB_URL. Family names and tag ids are personal data:
            they are never printed.""";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;
    private final SecretInput secrets;
    private final Clock clock;

    public AccountsCommand(PrintStream out, PrintStream err) {
        this(System.in, out, err, System::getenv, Optional.ofNullable(System.console()));
    }

    /** For tests: stdin, the environment and no terminal. */
    public AccountsCommand(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        this(in, out, err, environment::get, Optional.empty());
    }

    private AccountsCommand(
            InputStream in,
            PrintStream out,
            PrintStream err,
            Function<String, String> environment,
            Optional<Console> console) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.secrets = new SecretInput(in, console);
        this.clock = Clock.systemUTC();
    }

    /** The ports a command works on. */
    private record Ports(Accounts accounts, FamilyLinks links, FamilyRegistry families) {}

    @FunctionalInterface
    private interface Action {
        void run(Ports ports);
    }

    /** @return 0 done, 1 refused (taken login, unknown family, short password), 2 bad usage or setup */
    public int run(List<String> args) {
        DatabaseArgument db = DatabaseArgument.of(args, environment);
        if (db.problem().isPresent()) {
            err.println(db.problem().get());
            err.println(USAGE);
            return 2;
        }
        List<String> rest = db.rest();
        Optional<String> dbUrl = db.url();
        try {
            Action action = parse(rest);
            try (Database database = new Database(DatabaseConfig.fromJdbcUrl(dbUrl.get()))) {
                action.run(new Ports(
                        new PostgresAccounts(database.dataSource()),
                        new PostgresFamilyLinks(database.dataSource()),
                        new FamilyRegistry(database.dataSource())));
            }
            return 0;
        } catch (Refused e) {
            err.println(e.getMessage());
            if (e.status == 2) {
                err.println(USAGE);
            }
            return e.status;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private Action parse(List<String> words) {
        String command = words.get(0);
        List<String> operands = words.subList(1, words.size());
        return switch (command) {
            case "add" -> add(operands);
            case "password" -> password(operands);
            case "enable", "disable" -> {
                expect(operands.size() == 1);
                String login = operands.get(0);
                boolean enable = command.equals("enable");
                yield ports -> {
                    ports.accounts().setEnabled(login, enable, by());
                    out.println((enable ? "enabled " : "disabled ") + login);
                };
            }
            case "list" -> {
                expect(operands.isEmpty());
                yield ports -> ports.accounts()
                        .list()
                        .forEach(a -> out.println(a.login() + "\t" + a.role().wire()
                                + "\t"
                                + a.municipality().map(MunicipalityCode::value).orElse("-") + "\t"
                                + (a.enabled() ? "enabled" : "disabled")));
            }
            case "family" -> family(operands);
            case "link" -> link(operands);
            default -> throw new Refused(2, "unknown command '" + command + "'");
        };
    }

    private Action add(List<String> operands) {
        expect(operands.size() >= 2);
        String role = operands.get(0);
        String login = operands.get(1);
        Map<String, String> options =
                options(operands.subList(2, operands.size()), "municipality", "family", "password-file");
        Optional<Path> passwordFile =
                Optional.ofNullable(options.get("password-file")).map(Path::of);
        return switch (role) {
            case "officer" -> {
                Account account = Account.officer(login, municipality(required(options, "municipality")));
                char[] password = password(passwordFile, login);
                yield ports -> create(ports, account, password);
            }
            case "admin" -> {
                Account account = Account.administrator(login);
                char[] password = password(passwordFile, login);
                yield ports -> create(ports, account, password);
            }
            case "family" -> {
                FamilyId family = new FamilyId(required(options, "family"));
                char[] password = password(passwordFile, login);
                yield ports -> {
                    MunicipalityCode municipality = ports.families()
                            .municipalityOf(family)
                            .orElseThrow(() -> new Refused(1, "no such family is registered: `family add` it first"));
                    create(ports, Account.guardian(login, family, municipality), password);
                };
            }
            default -> throw new Refused(2, "give officer, family or admin");
        };
    }

    private void create(Ports ports, Account account, char[] password) {
        try {
            ports.accounts().create(account, password, by());
            out.println("added " + account.role().wire() + " " + account.login());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Action password(List<String> operands) {
        expect(!operands.isEmpty());
        String login = operands.get(0);
        Map<String, String> options = options(operands.subList(1, operands.size()), "password-file");
        char[] password =
                password(Optional.ofNullable(options.get("password-file")).map(Path::of), login);
        return ports -> {
            try {
                ports.accounts().setPassword(login, password, by());
                out.println("password set for " + login);
            } finally {
                Arrays.fill(password, '\0');
            }
        };
    }

    private Action family(List<String> operands) {
        expect(operands.size() >= 2);
        String sub = operands.get(0);
        List<String> rest = operands.subList(2, operands.size());
        return switch (sub) {
            case "add" -> {
                FamilyId family = new FamilyId(operands.get(1));
                Map<String, String> options = options(rest, "municipality", "name");
                MunicipalityCode municipality = municipality(required(options, "municipality"));
                String name = options.get("name");
                yield ports -> {
                    ports.families().register(family, municipality, name);
                    out.println("registered family " + family.value() + " of " + municipality.value());
                };
            }
            case "assign-tag" -> {
                TagId tag = new TagId(operands.get(1));
                FamilyId family = new FamilyId(required(options(rest, "family"), "family"));
                yield ports -> {
                    ports.families().assign(tag, Optional.of(family));
                    out.println("the tag now belongs to family " + family.value());
                };
            }
            default -> throw new Refused(2, "give family add or family assign-tag");
        };
    }

    private Action link(List<String> operands) {
        expect(!operands.isEmpty());
        String sub = operands.get(0);
        Map<String, String> options = options(operands.subList(1, operands.size()), "family", "days", "id");
        FamilyId family = new FamilyId(required(options, "family"));
        return switch (sub) {
            case "issue" -> {
                int days = positive(options.getOrDefault("days", "30"), "--days");
                yield ports -> {
                    Instant now = clock.instant();
                    FamilyLinks.Issued issued = ports.links().issue(family, now.plus(Duration.ofDays(days)), by(), now);
                    out.println("link " + issued.id() + " valid until " + issued.expiresAt()
                            + "; give the family this address (shown only now):");
                    out.println("  https://<your Kawamori>/family.html#link=" + issued.token());
                };
            }
            case "list" ->
                ports -> ports.links()
                        .list(family)
                        .forEach(l -> out.println(l.id() + "\tcreated "
                                + l.createdAt() + " by " + l.createdBy() + "\t"
                                + l.revokedAt().map(r -> "revoked " + r).orElse("valid until " + l.expiresAt())));
            case "revoke" -> {
                long id = positive(required(options, "id"), "--id");
                yield ports -> {
                    if (!ports.links().revoke(family, id, by(), clock.instant())) {
                        throw new Refused(1, "the family has no link " + id);
                    }
                    out.println("revoked link " + id);
                };
            }
            default -> throw new Refused(2, "give link issue, link list or link revoke");
        };
    }

    private char[] password(Optional<Path> file, String login) {
        char[] password =
                file.map(SecretInput::fromFile).orElseGet(() -> secrets.fromStdin("password of " + login + ": "));
        if (password.length < Accounts.MIN_PASSWORD_LENGTH) {
            Arrays.fill(password, '\0');
            throw new Refused(1, "a password has at least " + Accounts.MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private String by() {
        return "cli:" + Optional.ofNullable(environment.apply("USER")).orElse("unknown");
    }

    private static Map<String, String> options(List<String> words, String... known) {
        Map<String, String> options = new HashMap<>();
        List<String> allowed = List.of(known);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--") || i + 1 >= words.size() || !allowed.contains(word.substring(2))) {
                throw new Refused(2, "unknown or incomplete option '" + word + "'");
            }
            options.put(word.substring(2), words.get(++i));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new Refused(2, "--" + name + " is required");
        }
        return value;
    }

    private static MunicipalityCode municipality(String code) {
        if (!MunicipalityCode.isValid(code)) {
            throw new Refused(2, "a municipality is its 6-digit local government code, e.g. 282103");
        }
        return MunicipalityCode.of(code);
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Refused(2, option + " must be a positive whole number");
    }

    private static void expect(boolean wellFormed) {
        if (!wellFormed) {
            throw new Refused(2, "wrong arguments");
        }
    }
}
