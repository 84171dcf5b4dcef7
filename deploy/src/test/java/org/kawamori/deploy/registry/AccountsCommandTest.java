package org.kawamori.deploy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.access.Principal;
import org.kawamori.deploy.fixtures.LocalPostgres;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.PostgresAccounts;
import org.kawamori.timeseries.PostgresFamilyLinks;
import org.kawamori.timeseries.TagRegistry;

/** {@code kawamori.jar accounts …} against a real PostgreSQL: what an IT officer types on the first day. */
class AccountsCommandTest {

    private static final String PASSWORD = "a long enough password";
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");

    private LocalPostgres postgres;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void freshDatabase() throws Exception {
        postgres = new LocalPostgres();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void anOfficerAddedWithAPasswordOnStdinCanLogIn() {
        assertThat(runWithStdin(PASSWORD + "\n", "add", "officer", "tanaka", "--municipality", "282103"))
                .isZero();

        try (Database db = database()) {
            assertThat(new PostgresAccounts(db.dataSource()).authenticate("tanaka", PASSWORD.toCharArray()))
                    .hasValueSatisfying(
                            a -> assertThat(a.principal()).isEqualTo(new Principal.Officer("tanaka", KAKOGAWA)));
        }
        assertThat(printed(out)).contains("added officer tanaka").doesNotContain(PASSWORD);
    }

    @Test
    void aShortPasswordIsRefusedAndNothingIsAdded() {
        assertThat(runWithStdin("short\n", "add", "officer", "tanaka", "--municipality", "282103"))
                .isEqualTo(1);

        assertThat(printed(err)).contains("at least 12 characters");
        try (Database db = database()) {
            assertThat(new PostgresAccounts(db.dataSource()).find("tanaka")).isEmpty();
        }
    }

    @Test
    void aGuardianNeedsARegisteredFamilyAndThenLogsInAsIt() {
        assertThat(runWithStdin(PASSWORD, "add", "family", "sato", "--family", "family-sato"))
                .isEqualTo(1);
        assertThat(printed(err)).contains("family add");

        assertThat(run("family", "add", "family-sato", "--municipality", "282103", "--name", "佐藤家"))
                .isZero();
        assertThat(runWithStdin(PASSWORD, "add", "family", "sato", "--family", "family-sato"))
                .isZero();

        try (Database db = database()) {
            assertThat(new PostgresAccounts(db.dataSource()).authenticate("sato", PASSWORD.toCharArray()))
                    .hasValueSatisfying(a -> assertThat(a.principal())
                            .isEqualTo(new Principal.FamilyMember(
                                    "sato", new org.kawamori.core.alert.Audience.FamilyId("family-sato"), KAKOGAWA)));
        }
        assertThat(printed(out)).doesNotContain("佐藤家");
    }

    @Test
    void aLinkIsPrintedOnceOpensTheFamilyAndStopsWhenRevoked() {
        run("family", "add", "family-sato", "--municipality", "282103");
        assertThat(run("link", "issue", "--family", "family-sato", "--days", "7"))
                .isZero();
        Matcher printedLink = Pattern.compile("family\\.html#link=(\\S+)").matcher(printed(out));
        assertThat(printedLink.find()).isTrue();
        String token = printedLink.group(1);
        Matcher id = Pattern.compile("link (\\d+) valid until").matcher(printed(out));
        assertThat(id.find()).isTrue();

        try (Database db = database()) {
            PostgresFamilyLinks links = new PostgresFamilyLinks(db.dataSource());
            assertThat(links.resolve(token, Instant.now())).isPresent();

            assertThat(run("link", "revoke", "--family", "family-sato", "--id", id.group(1)))
                    .isZero();

            assertThat(links.resolve(token, Instant.now())).isEmpty();
        }
        out.reset();
        assertThat(run("link", "list", "--family", "family-sato")).isZero();
        assertThat(printed(out)).contains("revoked").doesNotContain(token);
    }

    @Test
    void aTagIsAssignedToItsFamily() {
        try (Database db = database()) {
            new TagRegistry(db.dataSource()).register(new TagId("child-tag-1"), KAKOGAWA, null, true);
        }
        run("family", "add", "family-sato", "--municipality", "282103");

        assertThat(run("family", "assign-tag", "child-tag-1", "--family", "family-sato"))
                .isZero();

        try (Database db = database()) {
            assertThat(new org.kawamori.timeseries.FamilyRegistry(db.dataSource()).familyOf(new TagId("child-tag-1")))
                    .hasValue(new org.kawamori.core.alert.Audience.FamilyId("family-sato"));
        }
        assertThat(printed(out)).doesNotContain("child-tag-1");
    }

    @Test
    void disablingAnAccountRefusesItsLoginAndListShowsIt() {
        runWithStdin(PASSWORD, "add", "admin", "it-admin");

        assertThat(run("disable", "it-admin")).isZero();
        assertThat(run("list")).isZero();

        assertThat(printed(out)).contains("it-admin\tadmin\t-\tdisabled");
        try (Database db = database()) {
            assertThat(new PostgresAccounts(db.dataSource()).authenticate("it-admin", PASSWORD.toCharArray()))
                    .isEmpty();
        }
    }

    @Test
    void aMistypedCommandExplainsTheUsage() {
        assertThat(run("add", "mayor", "x")).isEqualTo(2);
        assertThat(printed(err)).contains("give officer, family or admin").contains("usage:");
    }

    private int run(String... args) {
        return runWithStdin("", args);
    }

    private int runWithStdin(String stdin, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--db-url", postgres.jdbcUrl()));
        all.addAll(List.of(args));
        return new AccountsCommand(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of("USER", "it-officer"))
                .run(all);
    }

    private Database database() {
        return new Database(DatabaseConfig.fromJdbcUrl(postgres.jdbcUrl()));
    }

    private static String printed(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
