package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.alert.WatchRuleRow;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresAlertRulesTest extends OnBothServers {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final TagId CHILD = new TagId("child-tag-1");
    private static final TagId GRANDPA = new TagId("grandpa-tag");
    private static final FamilyId FAMILY = new FamilyId("family-1");

    private PostgresAlertRules rules;
    private FamilyRegistry families;

    @BeforeEach
    void aFamilyWithTwoTags() {
        rules = new PostgresAlertRules(db.dataSource());
        families = new FamilyRegistry(db.dataSource());
        TagRegistry tags = new TagRegistry(db.dataSource());
        tags.register(CHILD, KAKOGAWA, null, true);
        tags.register(GRANDPA, KAKOGAWA, null, true);
        families.register(FAMILY, KAKOGAWA, "山田");
        families.assign(CHILD, Optional.of(FAMILY));
        families.assign(GRANDPA, Optional.of(FAMILY));
    }

    @Test
    void settingsAreSetAndRemovedInOneUpdateAndTheAuditLogNamesTheKeysButNoValues() throws SQLException {
        rules.updateSettings(
                Map.of("river-stage.margin-m", "0.10", "station.kunikane.river-stage.thresholds-m", "1:1.5,2:2.6"),
                Set.of(),
                "admin-1",
                T0);
        rules.updateSettings(
                Map.of("river-stage.margin-m", "0.15", "municipality.282103.reminders.warning", "PT1H"),
                Set.of("station.kunikane.river-stage.thresholds-m", "never.stored"),
                "admin-2",
                T0.plusSeconds(60));

        assertThat(rules.settings())
                .containsExactly(
                        Map.entry("municipality.282103.reminders.warning", "PT1H"),
                        Map.entry("river-stage.margin-m", "0.15"));
        assertThat(audit())
                .containsExactly(
                        "admin-1 alert-settings-update set river-stage.margin-m,"
                                + " station.kunikane.river-stage.thresholds-m",
                        "admin-2 alert-settings-update set municipality.282103.reminders.warning,"
                                + " river-stage.margin-m; removed never.stored, station.kunikane.river-stage.thresholds-m");
        assertThat(String.join(" ", audit())).doesNotContain("0.15", "PT1H", "1:1.5");
    }

    @Test
    void aSettingSetAndRemovedAtOnceIsRefusedAndNothingChanges() throws SQLException {
        assertThatThrownBy(() -> rules.updateSettings(
                        Map.of("battery.low-percent", "15"), Set.of("battery.low-percent"), "admin-1", T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("battery.low-percent");

        assertThat(rules.settings()).isEmpty();
        assertThat(audit()).isEmpty();
    }

    @Test
    void theWatchRulesOfATagAreReplacedAllAtOnceAndOtherTagsKeepTheirs() {
        rules.replaceWatchRules(
                CHILD,
                List.of(
                        rule(CHILD, "gate-pass", Map.of("place", "34.7566,134.8414,40", "name", "学校の正門")),
                        rule(CHILD, "not-seen", Map.of("since", "16:00", "by", "18:00"))));
        rules.replaceWatchRules(GRANDPA, List.of(rule(GRANDPA, "near-flood", Map.of("distance-m", "300"))));

        rules.replaceWatchRules(CHILD, List.of(rule(CHILD, "not-seen", Map.of("silence", "PT2H"))));

        assertThat(rules.watchRules())
                .extracting(r -> r.tag().value() + " " + r.family() + " "
                        + r.municipality().value() + " " + r.kind() + " " + r.params())
                .containsExactlyInAnyOrder(
                        "child-tag-1 family-1 282103 not-seen {silence=PT2H}",
                        "grandpa-tag family-1 282103 near-flood {distance-m=300}");
        assertThat(rules.watchRules()).allSatisfy(r -> assertThat(r.id()).isPositive());
        assertThat(rules.watchRules(GRANDPA))
                .extracting(r -> r.tag().value() + " " + r.kind())
                .containsExactly("grandpa-tag near-flood");
        assertThat(rules.watchRules(new TagId("nobody-s-tag"))).isEmpty();

        rules.replaceWatchRules(CHILD, List.of());
        assertThat(rules.watchRules()).extracting(WatchRuleRow::tag).containsExactly(GRANDPA);
    }

    @Test
    void watchRulesOfAnUnregisteredFamilyAreRefusedAndTheOldOnesStay() {
        rules.replaceWatchRules(CHILD, List.of(rule(CHILD, "not-seen", Map.of("silence", "PT2H"))));
        List<WatchRuleRow> stranger = new ArrayList<>();
        stranger.add(rule(CHILD, "gate-pass", Map.of("place", "x")));
        stranger.add(new WatchRuleRow(0, CHILD, new FamilyId("stranger-family"), KAKOGAWA, "not-seen", Map.of()));

        assertThatThrownBy(() -> rules.replaceWatchRules(CHILD, stranger))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("stranger-family")
                .hasMessageNotContaining(CHILD.value());
        assertThatThrownBy(() -> rules.replaceWatchRules(GRANDPA, List.of(rule(CHILD, "not-seen", Map.of()))))
                .as("a rule of another tag")
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(rules.watchRules()).extracting(WatchRuleRow::kind).containsExactly("not-seen");
    }

    @Test
    void aTagBelongsToOneFamilyOrNone() {
        assertThat(families.familyOf(CHILD)).contains(FAMILY);

        families.assign(CHILD, Optional.empty());

        assertThat(families.familyOf(CHILD)).isEmpty();
        assertThatThrownBy(() -> families.assign(GRANDPA, Optional.of(new FamilyId("no-such-family"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> families.assign(new TagId("no-such-tag"), Optional.of(FAMILY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> families.register(new FamilyId("tokyo"), MunicipalityCode.of("131016"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(families.familyOf(GRANDPA)).contains(FAMILY);
    }

    @Test
    void aFamilysMqttPasswordIsStoredHashedAndVerifiesOnlyForThatFamily() throws SQLException {
        assertThat(families.verifyMqtt(FAMILY, "family-secret".toCharArray())).isEmpty();

        families.setMqttSecret(FAMILY, "family-secret".toCharArray());

        assertThat(families.verifyMqtt(FAMILY, "family-secret".toCharArray())).contains(KAKOGAWA);
        assertThat(families.verifyMqtt(FAMILY, "guess".toCharArray())).isEmpty();
        assertThat(families.verifyMqtt(new FamilyId("family-2"), "family-secret".toCharArray()))
                .isEmpty();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select mqtt_secret from family")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("pbkdf2-sha256$").doesNotContain("family-secret");
        }
        families.setMqttSecret(FAMILY, new char[0]);
        assertThat(families.verifyMqtt(FAMILY, "family-secret".toCharArray())).isEmpty();
        assertThatThrownBy(() -> families.setMqttSecret(new FamilyId("nobody"), "x".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static WatchRuleRow rule(TagId tag, String kind, Map<String, String> params) {
        return new WatchRuleRow(0, tag, FAMILY, KAKOGAWA, kind, params);
    }

    private static List<String> audit() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select actor, action, detail from audit_log order by at, id")) {
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                lines.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
            return lines;
        }
    }
}
