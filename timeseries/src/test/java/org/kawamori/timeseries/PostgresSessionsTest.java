package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.access.Account;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.Principal;
import org.kawamori.core.access.Sessions;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.timeseries.fixtures.Households;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresSessionsTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final Instant NOW = Instant.parse("2026-07-01T07:30:00Z");
    private static final Duration EIGHT_HOURS = Duration.ofHours(8);
    private static final char[] PASSWORD = "kawa-mamoru-2026".toCharArray();

    private PostgresAccounts accounts;
    private PostgresSessions sessions;
    private PostgresFamilyLinks links;
    private FamilyId suzuki;

    @BeforeEach
    void anOfficerAndAFamily() {
        accounts = new PostgresAccounts(db.dataSource());
        sessions = new PostgresSessions(db.dataSource());
        links = new PostgresFamilyLinks(db.dataSource());
        suzuki = Households.in(db.dataSource()).family("suzuki").of(KAKOGAWA).id();
        accounts.create(Account.officer("kato", KAKOGAWA), PASSWORD, "admin");
    }

    @Test
    void aSessionIsFoundWithItsTokenAndNotWithAnother() {
        Sessions.Issued kato = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);
        Sessions.Issued other = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);

        assertThat(sessions.find(kato.token(), NOW.plusSeconds(60)))
                .hasValue(new Sessions.Active(officer("kato"), kato.csrfToken(), NOW.plus(EIGHT_HOURS)));
        assertThat(kato.token()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(other.token());
        assertThat(kato.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(kato.token());
        assertThat(sessions.find(kato.token().substring(1) + "A", NOW)).isEmpty();
        assertThat(sessions.find(kato.csrfToken(), NOW))
                .as("the CSRF token opens nothing")
                .isEmpty();
        assertThat(sessions.find("", NOW)).isEmpty();
        assertThat(sessions.find(null, NOW)).isEmpty();
        assertThat(sessions.find("x".repeat(100_000), NOW)).isEmpty();
    }

    @Test
    void onlyTheHashOfTheTokenIsStored() throws Exception {
        Sessions.Issued issued = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);

        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(issued.token().getBytes("UTF-8")));
        assertThat(strings("select encode(token_hash, 'hex') from web_session")).containsExactly(sha256);
        assertThat(strings("select concat_ws(' ', login, role, municipality, family_id, link_id, csrf_token)"
                        + " from web_session"))
                .singleElement()
                .asString()
                .doesNotContain(issued.token());
        assertThat(issued.toString()).doesNotContain(issued.token(), issued.csrfToken());
    }

    @Test
    void aSessionEndsAtItsExpiry() {
        Sessions.Issued issued = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);

        assertThat(sessions.find(issued.token(), NOW.plus(EIGHT_HOURS).minusMillis(1)))
                .isPresent();
        assertThat(sessions.find(issued.token(), NOW.plus(EIGHT_HOURS))).isEmpty();
        assertThat(sessions.find(issued.token(), NOW.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void aSessionEndsAtLogoutAndALogoutOfAnUnknownTokenChangesNothing() {
        Sessions.Issued mine = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);
        Sessions.Issued otherTab = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);

        sessions.close(mine.token());
        sessions.close("no-such-token");
        sessions.close(null);

        assertThat(sessions.find(mine.token(), NOW)).isEmpty();
        assertThat(sessions.find(otherTab.token(), NOW)).isPresent();
    }

    @Test
    void aSessionEndsWhenItsAccountIsDisabledAndStaysEndedWhenItIsEnabledAgain() {
        Sessions.Issued issued = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);

        accounts.setEnabled("kato", false, "admin");
        accounts.setEnabled("kato", true, "admin");

        assertThat(sessions.find(issued.token(), NOW)).isEmpty();
    }

    @Test
    void aSessionOfAnAccountDisabledBehindTheAdaptersBackIsNotFound() throws SQLException {
        Sessions.Issued issued = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);

        execute("update account set enabled = false where login = 'kato'");

        assertThat(sessions.find(issued.token(), NOW)).isEmpty();
    }

    @Test
    void aRoleOrMunicipalityChangeOfTheAccountIsSeenByTheNextFind() throws SQLException {
        Sessions.Issued issued = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);
        assertThat(sessions.find(issued.token(), NOW)).isPresent();

        execute("update account set municipality = '282162' where login = 'kato'");

        assertThat(sessions.find(issued.token(), NOW))
                .as("no longer an officer of Kakogawa, not yet one of Takasago")
                .isEmpty();

        Sessions.Issued again =
                sessions.open(accounts.find("kato").orElseThrow().principal(), Optional.empty(), EIGHT_HOURS, NOW);
        execute("update account set role = 'admin', municipality = null where login = 'kato'");

        assertThat(sessions.find(again.token(), NOW)).isEmpty();
    }

    @Test
    void aGuardiansSessionEndsWhenTheFamilyMovesToAnotherMunicipality() {
        accounts.create(Account.guardian("suzuki-mother", suzuki, KAKOGAWA), PASSWORD, "admin");
        Sessions.Issued issued = sessions.open(
                accounts.find("suzuki-mother").orElseThrow().principal(), Optional.empty(), EIGHT_HOURS, NOW);
        assertThat(sessions.find(issued.token(), NOW)).hasValueSatisfying(a -> assertThat(a.principal())
                .isEqualTo(new Principal.FamilyMember("suzuki-mother", suzuki, KAKOGAWA)));

        new FamilyRegistry(db.dataSource()).register(suzuki, TAKASAGO, null);

        assertThat(sessions.find(issued.token(), NOW)).isEmpty();
        Sessions.Issued next = sessions.open(
                accounts.find("suzuki-mother").orElseThrow().principal(), Optional.empty(), EIGHT_HOURS, NOW);
        assertThat(sessions.find(next.token(), NOW)).hasValueSatisfying(a -> assertThat(a.principal())
                .isEqualTo(new Principal.FamilyMember("suzuki-mother", suzuki, TAKASAGO)));
    }

    @Test
    void aLinksSessionIsTheFamilyMemberOfTheLinkUntilTheLinkIsRevoked() {
        FamilyLinks.Issued link = links.issue(suzuki, NOW.plus(Duration.ofDays(7)), "kato", NOW);
        FamilyLinks.Resolved resolved = links.resolve(link.token(), NOW).orElseThrow();
        Sessions.Issued issued = sessions.open(resolved.member(), Optional.of(resolved.id()), EIGHT_HOURS, NOW);

        assertThat(sessions.find(issued.token(), NOW)).hasValueSatisfying(a -> assertThat(a.principal())
                .isEqualTo(new Principal.FamilyMember("link:" + link.id(), suzuki, KAKOGAWA)));

        assertThat(links.revoke(suzuki, link.id(), "kato", NOW.plusSeconds(60))).isTrue();

        assertThat(sessions.find(issued.token(), NOW.plusSeconds(61))).isEmpty();
    }

    @Test
    void aLinksSessionIsNotFoundOnceTheLinkIsRevokedEvenIfTheSessionRowStayed() throws SQLException {
        FamilyLinks.Issued link = links.issue(suzuki, NOW.plus(Duration.ofDays(7)), "kato", NOW);
        Sessions.Issued issued = sessions.open(member(link.id()), Optional.of(link.id()), EIGHT_HOURS, NOW);

        execute("update family_link set revoked_at = now()");

        assertThat(sessions.find(issued.token(), NOW)).isEmpty();
    }

    @Test
    void aLinksSessionNeverOutlivesTheLink() {
        FamilyLinks.Issued link = links.issue(suzuki, NOW.plus(Duration.ofHours(2)), "kato", NOW);

        Sessions.Issued issued = sessions.open(member(link.id()), Optional.of(link.id()), EIGHT_HOURS, NOW);

        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(sessions.find(issued.token(), NOW.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void aLinksSessionMustNameItsLinkAndItsLinksFamily() {
        FamilyLinks.Issued link = links.issue(suzuki, NOW.plus(Duration.ofDays(7)), "kato", NOW);
        FamilyId tanaka =
                Households.in(db.dataSource()).family("tanaka").of(KAKOGAWA).id();

        assertThatThrownBy(() -> sessions.open(member(link.id()), Optional.empty(), EIGHT_HOURS, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sessions.open(officer("kato"), Optional.of(link.id()), EIGHT_HOURS, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sessions.open(member(999), Optional.of(999L), EIGHT_HOURS, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such family link");
        Sessions.Issued forged = sessions.open(
                new Principal.FamilyMember("link:" + link.id(), tanaka, KAKOGAWA),
                Optional.of(link.id()),
                EIGHT_HOURS,
                NOW);
        assertThat(sessions.find(forged.token(), NOW))
                .as("the link is suzuki's")
                .isEmpty();
        assertThatThrownBy(() -> sessions.open(new Principal.Anonymous(), Optional.empty(), EIGHT_HOURS, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the public has no session");
    }

    @Test
    void purgingDeletesTheExpiredSessionsOnly() throws SQLException {
        Sessions.Issued shortOne = sessions.open(officer("kato"), Optional.empty(), Duration.ofMinutes(5), NOW);
        Sessions.Issued longOne = sessions.open(officer("kato"), Optional.empty(), EIGHT_HOURS, NOW);

        assertThat(sessions.purgeExpired(NOW.plus(Duration.ofMinutes(10)))).isEqualTo(1);

        assertThat(strings("select count(*) from web_session")).containsExactly("1");
        assertThat(sessions.find(longOne.token(), NOW.plus(Duration.ofMinutes(10))))
                .isPresent();
        assertThat(sessions.find(shortOne.token(), NOW))
                .as("gone, not only expired")
                .isEmpty();
    }

    private static Principal officer(String login) {
        return new Principal.Officer(login, KAKOGAWA);
    }

    private Principal.FamilyMember member(long linkId) {
        return new Principal.FamilyMember("link:" + linkId, suzuki, KAKOGAWA);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    private static List<String> strings(String sql) throws SQLException {
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
