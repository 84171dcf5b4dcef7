package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Municipalities;
import org.kawamori.timeseries.fixtures.OnBothServers;

class MigrationTest extends OnBothServers {

    @Test
    void theMigrationsCreateTheTablesInTheKawamoriSchema() throws SQLException {
        assertThat(strings(
                        "select table_name from information_schema.tables where table_schema = ? order by 1",
                        "kawamori"))
                .containsExactly(
                        "account",
                        "alert",
                        "alert_history",
                        "alert_setting",
                        "audit_log",
                        "dead_letter",
                        "detection",
                        "device",
                        "device_psk",
                        "device_state",
                        "family",
                        "family_link",
                        "flyway_schema_history",
                        "gateway",
                        "gateway_psk",
                        "municipality",
                        "notice_dead_letter",
                        "notice_outbox",
                        "reading",
                        "reading_1h",
                        "reading_5m",
                        "tag",
                        "watch_rule",
                        "web_session");
    }

    @Test
    void theMigrationHistoryIsAtVersionTen() throws SQLException {
        assertThat(strings(
                        "select version from flyway_schema_history where success = ? and version is not null"
                                + " order by installed_rank",
                        true))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    @Test
    void theTenBasinMunicipalitiesAreSeeded() throws SQLException {
        assertThat(strings(
                        "select code || ' ' || name_ja || ' ' || name_en from municipality where ? order by code",
                        true))
                .containsExactly(
                        "282103 加古川市 Kakogawa",
                        "282138 西脇市 Nishiwaki",
                        "282154 三木市 Miki",
                        "282162 高砂市 Takasago",
                        "282189 小野市 Ono",
                        "282201 加西市 Kasai",
                        "282286 加東市 Kato",
                        "283657 多可町 Taka",
                        "283819 稲美町 Inami",
                        "283827 播磨町 Harima");
        assertThat(Municipalities.kakogawaBasin()).hasSize(10);
    }

    @Test
    void deadLettersAreIndexedByTheirReceptionTime() throws SQLException {
        assertThat(strings(
                        "select indexdef from pg_indexes where schemaname = 'kawamori' and tablename = ?",
                        "dead_letter"))
                .anySatisfy(def -> assertThat(def).contains("(received_at)"));
    }

    @Test
    void theAlertQueriesAndTheOutboxRelayHaveTheirIndexes() throws SQLException {
        assertThat(strings(
                        "select indexname || ' ' || indexdef from pg_indexes where schemaname = 'kawamori'"
                                + " and tablename in ('alert', 'alert_history', 'notice_outbox', 'notice_dead_letter',"
                                + " 'watch_rule', 'tag') and indexname <> ?",
                        ""))
                .anySatisfy(def -> assertThat(def)
                        .startsWith("alert_one_active ")
                        .contains("(subject, rule) WHERE (state <> 'CLEARED'::text)"))
                .anySatisfy(def -> assertThat(def)
                        .startsWith("alert_active_changed ")
                        .contains("(municipality, changed_at, id) WHERE (state <> 'CLEARED'::text)"))
                .anySatisfy(def -> assertThat(def).startsWith("alert_changed ").contains("(changed_at, id)"))
                .anySatisfy(def -> assertThat(def)
                        .startsWith("alert_municipality_changed ")
                        .contains("(municipality, changed_at, id)"))
                .anySatisfy(
                        def -> assertThat(def).startsWith("alert_history_pkey ").contains("(alert_id, sequence)"))
                .anySatisfy(
                        def -> assertThat(def).startsWith("notice_outbox_pkey ").contains("(key, audience)"))
                .anySatisfy(def -> assertThat(def)
                        .startsWith("notice_outbox_unpublished ")
                        .contains("(id) WHERE (published_at IS NULL)"))
                .anySatisfy(def ->
                        assertThat(def).startsWith("notice_dead_letter_at ").contains("(at)"))
                .anySatisfy(def -> assertThat(def).startsWith("watch_rule_tag ").contains("(tag_id)"))
                .anySatisfy(def -> assertThat(def).startsWith("tag_family ").contains("(family_id)"));
    }

    @Test
    void sessionsAreIndexedForThePurgeAndForEndingAnAccountsOrALinksSessions() throws SQLException {
        assertThat(strings(
                        "select indexname || ' ' || indexdef from pg_indexes where schemaname = 'kawamori'"
                                + " and tablename = ?",
                        "web_session"))
                .anySatisfy(
                        def -> assertThat(def).startsWith("web_session_pkey ").contains("(token_hash)"))
                .anySatisfy(def ->
                        assertThat(def).startsWith("web_session_expires_at ").contains("(expires_at)"))
                .anySatisfy(
                        def -> assertThat(def).startsWith("web_session_login ").contains("(login)"))
                .anySatisfy(
                        def -> assertThat(def).startsWith("web_session_link ").contains("(link_id)"));
    }

    @Test
    void anAccountsRoleDecidesWhetherItNamesAMunicipalityAndAFamily() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement family =
                        c.prepareStatement("insert into family (id, municipality) values ('f-1', '282103')")) {
            family.executeUpdate();
        }
        assertThat(inserts("officer-ok", "officer", "282103", null)).isTrue();
        assertThat(inserts("guardian-ok", "family", "282103", "f-1")).isTrue();
        assertThat(inserts("admin-ok", "admin", null, null)).isTrue();
        assertThat(inserts("officer-without-town", "officer", null, null)).isFalse();
        assertThat(inserts("officer-with-family", "officer", "282103", "f-1")).isFalse();
        assertThat(inserts("guardian-without-family", "family", "282103", null)).isFalse();
        assertThat(inserts("guardian-of-another-town", "family", "282162", "f-1"))
                .isFalse();
        assertThat(inserts("admin-with-town", "admin", "282103", null)).isFalse();
        assertThat(inserts("link:7", "family", "282103", "f-1")).isFalse();
        assertThat(inserts("public-1", "public", null, null)).isFalse();
    }

    private static boolean inserts(String login, String role, String municipality, String family) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("insert into account (login, role, municipality,"
                        + " family_id, password_hash) values (?, ?, ?, ?, 'x')")) {
            insert.setString(1, login);
            insert.setString(2, role);
            insert.setString(3, municipality);
            insert.setString(4, family);
            insert.executeUpdate();
            return true;
        } catch (SQLException refused) {
            assertThat(refused.getSQLState()).startsWith("23");
            return false;
        }
    }

    @Test
    void startingAgainAppliesNothingAndKeepsTheData() {
        new PostgresSensorRegistry(db.dataSource(), 1_000)
                .register(givenSensor("kunikane").build(), Optional.empty());

        try (Database again = new Database(db.config())) {
            assertThat(new PostgresSensorRegistry(again.dataSource()).findSensor(DeviceId.of("kunikane")))
                    .isPresent();
        }
    }

    @Test
    void timescaleIsReportedAsTheServerOffersIt() throws SQLException {
        boolean offered = !strings("select name from pg_available_extensions where name = ?", "timescaledb")
                .isEmpty();

        assertThat(db.database().timescaleAvailable()).isEqualTo(offered);
    }

    private static List<String> strings(String sql, Object parameter) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
