package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.access.Account;
import org.kawamori.core.access.Sessions;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.timeseries.fixtures.Households;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresAccountsTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final char[] PASSWORD = "kawa-mamoru-2026".toCharArray();
    private static final Instant NOW = Instant.parse("2026-07-01T07:30:00Z");

    private PostgresAccounts accounts;
    private FamilyId suzuki;

    @BeforeEach
    void aFamilyOfKakogawa() {
        accounts = new PostgresAccounts(db.dataSource());
        suzuki = Households.in(db.dataSource()).family("suzuki").of(KAKOGAWA).id();
    }

    @Test
    void anOfficerLogsInWithTheRightPasswordAndOnlyWithIt() {
        accounts.create(Account.officer("kato", KAKOGAWA), PASSWORD, "admin");

        assertThat(accounts.authenticate("kato", PASSWORD)).hasValue(Account.officer("kato", KAKOGAWA));
        assertThat(accounts.authenticate("kato", "kawa-mamoru-2027".toCharArray()))
                .isEmpty();
        assertThat(accounts.authenticate("Kato", PASSWORD))
                .as("logins are exact")
                .isEmpty();
    }

    @Test
    void anUnknownOrMalformedLoginIsRefusedAfterAsLongAsAWrongPassword() {
        accounts.create(Account.officer("kato", KAKOGAWA), PASSWORD, "admin");

        long[] medians = interleavedMedianNanos(
                () -> accounts.authenticate("kato", "wrong-password-1".toCharArray()),
                () -> accounts.authenticate("nobody", PASSWORD),
                () -> accounts.authenticate("' or 1=1 --", PASSWORD));
        long wrongPassword = medians[0];
        long unknownLogin = medians[1];
        long malformedLogin = medians[2];

        assertThat(accounts.authenticate("nobody", PASSWORD)).isEmpty();
        assertThat(accounts.authenticate("' or 1=1 --", PASSWORD)).isEmpty();
        assertThat(unknownLogin).as("an unknown login is hashed too").isGreaterThan(wrongPassword / 3);
        assertThat(malformedLogin).as("a malformed login is hashed too").isGreaterThan(wrongPassword / 3);
    }

    @Test
    void aDisabledAccountIsRefusedEvenWithTheRightPasswordAndItsSessionsEnd() {
        accounts.create(Account.guardian("suzuki-mother", suzuki, KAKOGAWA), PASSWORD, "admin");
        PostgresSessions sessions = new PostgresSessions(db.dataSource());
        Sessions.Issued issued = sessions.open(
                accounts.find("suzuki-mother").orElseThrow().principal(), Optional.empty(), Duration.ofHours(8), NOW);

        accounts.setEnabled("suzuki-mother", false, "admin");

        assertThat(accounts.authenticate("suzuki-mother", PASSWORD)).isEmpty();
        assertThat(accounts.find("suzuki-mother"))
                .hasValueSatisfying(a -> assertThat(a.enabled()).isFalse());
        assertThat(sessions.find(issued.token(), NOW.plusSeconds(1))).isEmpty();
        assertThat(count("select count(*) from web_session"))
                .as("deleted, not only refused")
                .isZero();

        accounts.setEnabled("suzuki-mother", true, "admin");
        assertThat(accounts.authenticate("suzuki-mother", PASSWORD)).isPresent();
    }

    @Test
    void passwordsAreStoredAsArgon2idHashesThatDifferForTheSamePassword() throws SQLException {
        accounts.create(Account.officer("kato", KAKOGAWA), PASSWORD, "admin");
        accounts.create(Account.officer("sato", TAKASAGO), PASSWORD, "admin");

        List<String> hashes = strings("select password_hash from account order by login");

        assertThat(hashes)
                .hasSize(2)
                .allSatisfy(hash -> assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"))
                .doesNotHaveDuplicates()
                .noneSatisfy(hash -> assertThat(hash).contains(new String(PASSWORD)));
    }

    @Test
    void aNewPasswordReplacesTheOldOneAndEndsTheAccountsSessions() {
        accounts.create(Account.administrator("root-admin"), PASSWORD, "setup");
        PostgresSessions sessions = new PostgresSessions(db.dataSource());
        Sessions.Issued before = sessions.open(
                accounts.find("root-admin").orElseThrow().principal(), Optional.empty(), Duration.ofHours(8), NOW);

        accounts.setPassword("root-admin", "a-new-long-password".toCharArray(), "root-admin");

        assertThat(accounts.authenticate("root-admin", PASSWORD)).isEmpty();
        assertThat(accounts.authenticate("root-admin", "a-new-long-password".toCharArray()))
                .isPresent();
        assertThat(sessions.find(before.token(), NOW)).isEmpty();
    }

    @Test
    void aHashWithCheaperParametersIsReplacedAtTheNextLogin() throws SQLException {
        Argon2Passwords cheap = new Argon2Passwords(new Argon2Passwords.Parameters(1024, 1, 1, 16, 32));
        new PostgresAccounts(db.dataSource(), cheap).create(Account.officer("kato", KAKOGAWA), PASSWORD, "admin");
        assertThat(strings("select password_hash from account"))
                .singleElement()
                .asString()
                .contains("m=1024,t=1");

        assertThat(accounts.authenticate("kato", PASSWORD)).isPresent();

        assertThat(strings("select password_hash from account"))
                .singleElement()
                .asString()
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(accounts.authenticate("kato", PASSWORD)).isPresent();
    }

    @Test
    void aTakenLoginIsRefusedAndTheFirstAccountStays() {
        accounts.create(Account.officer("kato", KAKOGAWA), PASSWORD, "admin");

        assertThatThrownBy(() -> accounts.create(Account.administrator("kato"), "another-password".toCharArray(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the login kato is taken");
        assertThat(accounts.authenticate("kato", PASSWORD)).hasValue(Account.officer("kato", KAKOGAWA));
    }

    @Test
    void anAccountOfAnUnknownMunicipalityOrFamilyIsRefused() {
        assertThatThrownBy(() -> accounts.create(Account.officer("kato", MunicipalityCode.of("131016")), PASSWORD, "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown municipality 131016");
        assertThatThrownBy(() -> accounts.create(
                        Account.guardian("tanaka-father", new FamilyId("tanaka"), KAKOGAWA), PASSWORD, "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("family");
        assertThatThrownBy(() -> accounts.create(Account.guardian("suzuki-father", suzuki, TAKASAGO), PASSWORD, "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the family is not registered in municipality 282162");
        assertThat(accounts.list()).isEmpty();
    }

    @Test
    void aPasswordShorterThanTwelveCharactersIsRefused() {
        assertThatThrownBy(() -> accounts.create(Account.officer("kato", KAKOGAWA), "elevenchars".toCharArray(), "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a password has at least 12 characters");
        accounts.create(Account.officer("kato", KAKOGAWA), "twelve-chars".toCharArray(), "a");
        assertThatThrownBy(() -> accounts.setPassword("kato", "short".toCharArray(), "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a password has at least 12 characters");
        assertThatThrownBy(() -> accounts.setPassword("kato", "            ".toCharArray(), "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a password is not only blanks");
        assertThat(accounts.authenticate("kato", "twelve-chars".toCharArray())).isPresent();
    }

    @Test
    void changingAnUnknownLoginIsRefused() {
        assertThatThrownBy(() -> accounts.setPassword("nobody", PASSWORD, "admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no account has the login nobody");
        assertThatThrownBy(() -> accounts.setEnabled("nobody", false, "admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no account has the login nobody");
    }

    @Test
    void everyChangeIsAuditedWithLoginAndRoleButNeitherPasswordNorFamily() throws SQLException {
        accounts.create(Account.guardian("suzuki-mother", suzuki, KAKOGAWA), PASSWORD, "admin-ito");
        accounts.setPassword("suzuki-mother", "kawa-mamoru-2027".toCharArray(), "admin-ito");
        accounts.setEnabled("suzuki-mother", false, "admin-ito");
        accounts.setEnabled("suzuki-mother", true, "admin-ito");

        assertThat(strings("select actor || ' ' || action || ' ' || coalesce(municipality, '-') || ' ' || detail"
                        + " from audit_log order by id"))
                .containsExactly(
                        "admin-ito account-create 282103 login suzuki-mother, role family",
                        "admin-ito account-password 282103 login suzuki-mother, 0 session(s) ended",
                        "admin-ito account-disable 282103 login suzuki-mother, 0 session(s) ended",
                        "admin-ito account-enable 282103 login suzuki-mother")
                .noneSatisfy(row -> assertThat(row).contains("kawa-mamoru", "suzuki ", "argon2"));
    }

    @Test
    void accountsAreFoundAndListedByLoginWithoutTheirHashes() {
        accounts.create(Account.officer("sato", TAKASAGO), PASSWORD, "admin");
        accounts.create(Account.administrator("ito"), PASSWORD, "admin");
        accounts.create(Account.guardian("suzuki-mother", suzuki, KAKOGAWA), PASSWORD, "admin");

        assertThat(accounts.list())
                .containsExactly(
                        Account.administrator("ito"),
                        Account.officer("sato", TAKASAGO),
                        Account.guardian("suzuki-mother", suzuki, KAKOGAWA));
        assertThat(accounts.find("sato")).hasValue(Account.officer("sato", TAKASAGO));
        assertThat(accounts.find("nobody")).isEmpty();
        assertThat(accounts.find("not a login")).isEmpty();
    }

    @Test
    void aGuardiansAccountFollowsItsFamilyWhenTheFamilyMoves() {
        accounts.create(Account.guardian("suzuki-mother", suzuki, KAKOGAWA), PASSWORD, "admin");

        new FamilyRegistry(db.dataSource()).register(suzuki, TAKASAGO, null);

        assertThat(accounts.authenticate("suzuki-mother", PASSWORD))
                .hasValue(Account.guardian("suzuki-mother", suzuki, TAKASAGO));
    }

    /** The median time of each call, measured in turns so that a busy machine slows all of them alike. */
    private static long[] interleavedMedianNanos(Supplier<?>... calls) {
        int rounds = 7;
        long[][] times = new long[calls.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < calls.length; i++) {
                long start = System.nanoTime();
                calls[i].get();
                times[i][round] = System.nanoTime() - start;
            }
        }
        long[] medians = new long[calls.length];
        for (int i = 0; i < calls.length; i++) {
            java.util.Arrays.sort(times[i]);
            medians[i] = times[i][rounds / 2];
        }
        return medians;
    }

    private static long count(String sql) {
        try {
            return Long.parseLong(strings(sql).get(0));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(sql);
                ResultSet rows = q.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
