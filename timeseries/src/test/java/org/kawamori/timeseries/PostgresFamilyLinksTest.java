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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.Principal;
import org.kawamori.core.access.Sessions;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.timeseries.fixtures.Households;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresFamilyLinksTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final Instant NOW = Instant.parse("2026-07-01T07:30:00Z");
    private static final Instant IN_A_WEEK = NOW.plus(Duration.ofDays(7));

    private PostgresFamilyLinks links;
    private FamilyId suzuki;
    private FamilyId tanaka;

    @BeforeEach
    void twoFamilies() {
        links = new PostgresFamilyLinks(db.dataSource());
        Households basin = Households.in(db.dataSource());
        suzuki = basin.family("suzuki").of(KAKOGAWA).id();
        tanaka = basin.family("tanaka").of(TAKASAGO).id();
    }

    @Test
    void aLinkResolvesToAMemberOfItsFamilyInTheFamilysMunicipality() {
        FamilyLinks.Issued issued = links.issue(tanaka, IN_A_WEEK, "officer-sato", NOW);

        assertThat(issued.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.expiresAt()).isEqualTo(IN_A_WEEK);
        assertThat(links.resolve(issued.token(), NOW.plusSeconds(1)))
                .hasValue(new FamilyLinks.Resolved(
                        issued.id(), new Principal.FamilyMember("link:" + issued.id(), tanaka, TAKASAGO)));
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void anExpiredLinkIsRefused() {
        FamilyLinks.Issued issued = links.issue(suzuki, IN_A_WEEK, "officer-kato", NOW);

        assertThat(links.resolve(issued.token(), IN_A_WEEK.minusMillis(1))).isPresent();
        assertThat(links.resolve(issued.token(), IN_A_WEEK)).isEmpty();
    }

    @Test
    void aRevokedLinkIsRefusedAndItsSessionsAreDeleted() throws SQLException {
        FamilyLinks.Issued revoked = links.issue(suzuki, IN_A_WEEK, "officer-kato", NOW);
        FamilyLinks.Issued kept = links.issue(suzuki, IN_A_WEEK, "officer-kato", NOW);
        PostgresSessions sessions = new PostgresSessions(db.dataSource());
        FamilyLinks.Resolved member = links.resolve(revoked.token(), NOW).orElseThrow();
        sessions.open(member.member(), Optional.of(member.id()), Duration.ofHours(8), NOW);

        assertThat(links.revoke(suzuki, revoked.id(), "suzuki-mother", NOW.plusSeconds(60)))
                .isTrue();

        assertThat(links.resolve(revoked.token(), NOW.plusSeconds(61))).isEmpty();
        assertThat(links.resolve(kept.token(), NOW.plusSeconds(61))).isPresent();
        assertThat(strings("select count(*) from web_session")).containsExactly("0");
        assertThat(links.revoke(suzuki, revoked.id(), "suzuki-mother", NOW.plusSeconds(90)))
                .as("revoked before: still the family's")
                .isTrue();
        assertThat(links.list(suzuki))
                .filteredOn(link -> link.id() == revoked.id())
                .singleElement()
                .satisfies(link -> assertThat(link.revokedAt()).hasValue(NOW.plusSeconds(60)));
    }

    @Test
    void aFamilyCannotRevokeAnotherFamilysLink() {
        FamilyLinks.Issued tanakas = links.issue(tanaka, IN_A_WEEK, "officer-sato", NOW);

        assertThat(links.revoke(suzuki, tanakas.id(), "suzuki-mother", NOW)).isFalse();
        assertThat(links.revoke(suzuki, 424242, "suzuki-mother", NOW)).isFalse();
        assertThat(links.revoke(new FamilyId("nobody"), tanakas.id(), "x", NOW)).isFalse();

        assertThat(links.resolve(tanakas.token(), NOW)).isPresent();
    }

    @Test
    void onlyRegisteredFamiliesGetLinksAndALinkExpiresAfterItIsIssued() {
        assertThatThrownBy(() -> links.issue(new FamilyId("nobody"), IN_A_WEEK, "officer-kato", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such family is registered");
        assertThatThrownBy(() -> links.issue(suzuki, NOW, "officer-kato", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a link expires after it is issued");
        assertThat(links.list(suzuki)).isEmpty();
    }

    @Test
    void anythingButAnIssuedTokenResolvesToNothing() {
        FamilyLinks.Issued issued = links.issue(suzuki, IN_A_WEEK, "officer-kato", NOW);

        assertThat(links.resolve(issued.token().toUpperCase(), NOW)).isEmpty();
        assertThat(links.resolve("", NOW)).isEmpty();
        assertThat(links.resolve(null, NOW)).isEmpty();
        assertThat(links.resolve("' or ''='", NOW)).isEmpty();
    }

    @Test
    void theFamilysLinksAreListedNewestFirstWithoutSecrets() throws SQLException {
        FamilyLinks.Issued first = links.issue(suzuki, IN_A_WEEK, "officer-kato", NOW);
        FamilyLinks.Issued second = links.issue(suzuki, IN_A_WEEK.plusSeconds(1), "suzuki-mother", NOW.plusSeconds(5));
        links.issue(tanaka, IN_A_WEEK, "officer-sato", NOW);

        assertThat(links.list(suzuki))
                .containsExactly(
                        new FamilyLinks.Link(
                                second.id(),
                                NOW.plusSeconds(5),
                                IN_A_WEEK.plusSeconds(1),
                                Optional.empty(),
                                "suzuki-mother"),
                        new FamilyLinks.Link(first.id(), NOW, IN_A_WEEK, Optional.empty(), "officer-kato"));
        assertThat(strings("select encode(token_hash, 'escape') || created_by from family_link"))
                .noneSatisfy(row -> assertThat(row).contains(first.token()));
    }

    @Test
    void issuingAndRevokingAreAuditedWithoutTheFamilyOrTheToken() throws SQLException {
        FamilyLinks.Issued issued = links.issue(suzuki, IN_A_WEEK, "officer-kato", NOW);
        links.revoke(suzuki, issued.id(), "suzuki-mother", NOW.plusSeconds(60));

        assertThat(strings("select at || ' ' || actor || ' ' || action || ' ' || municipality || ' ' || detail"
                        + " from audit_log order by id"))
                .hasSize(2)
                .satisfiesExactly(
                        row -> assertThat(row)
                                .contains("officer-kato family-link-issue 282103 link " + issued.id()
                                        + ", expires 2026-07-08T07:30:00Z"),
                        row -> assertThat(row)
                                .contains("suzuki-mother family-link-revoke 282103 link " + issued.id()
                                        + ", 0 session(s) ended"))
                .noneSatisfy(row -> assertThat(row).contains("suzuki ", issued.token()));
    }

    @Test
    void aSessionOpenedThroughALinkCanBeUsedForTheFamilysSessions() {
        FamilyLinks.Issued issued = links.issue(suzuki, IN_A_WEEK, "officer-kato", NOW);
        FamilyLinks.Resolved resolved = links.resolve(issued.token(), NOW).orElseThrow();

        Sessions.Issued session = new PostgresSessions(db.dataSource())
                .open(resolved.member(), Optional.of(resolved.id()), Duration.ofHours(8), NOW);

        assertThat(new PostgresSessions(db.dataSource()).find(session.token(), NOW))
                .hasValueSatisfying(a -> assertThat(a.principal()).isEqualTo(resolved.member()));
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
