package org.kawamori.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.InMemoryAlertStore;
import org.kawamori.alerting.rules.NotSeenRule;
import org.kawamori.alerting.rules.RuleBook;
import org.kawamori.alerting.rules.RuleCheck;
import org.kawamori.alerting.rules.Settings;
import org.kawamori.alerting.rules.Stage;
import org.kawamori.alerting.rules.StoredRules;
import org.kawamori.alerting.rules.WatchRuleCodec;
import org.kawamori.alerting.rules.WatchRules;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.WatchRuleRow;

/** The rule book as the database holds it: settings rows over the shipped file, and watch-rule rows. */
class StoredRulesTest {

    private static final Sensor KUNIKANE =
            givenSensor("kunikane").in("282103").named("加古川 国包").build();
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final Gateway SCHOOL_GATE = new Gateway(
            DeviceId.of("cam-school-1"),
            MunicipalityCode.of("282103"),
            GatewayKind.FIXED,
            Optional.of(new GeoPoint(34.757, 134.841)),
            true);

    @Test
    void aDownstreamMunicipalityWatchesTheUpstreamStationsItsSettingNames() {
        RuleBook book = StoredRules.book(
                Settings.defaults(),
                Map.of(
                        "station.kunikane.river-stage.thresholds-m", "1:1.50,2:2.60,3:3.30,4:4.00,5:4.80",
                        "municipality.282162.upstream.stations", "kunikane:2"),
                List.of(),
                id -> Optional.empty(),
                bad -> {});
        AlertEngine engine = new AlertEngine(book, new InMemoryAlertStore(), read -> {});

        Evaluation e = engine.onReadings(KUNIKANE, List.of(level(2.7)));

        assertThat(e.notices())
                .filteredOn(n -> n.rule().equals("upstream-warning"))
                .singleElement()
                .satisfies(n -> assertThat(n.audience()).isEqualTo(new Audience.Officers(TAKASAGO)));
    }

    @Test
    void watchRuleRowsBecomeTheFamilysRulesAndABadRowIsLeftOutAndReported() {
        TagId tag = new TagId("tag-0001");
        Audience.FamilyId family = new Audience.FamilyId("family-1");
        MunicipalityCode kakogawa = MunicipalityCode.of("282103");
        List<WatchRuleRow> rows = List.of(
                new WatchRuleRow(
                        1, tag, family, kakogawa, "gate-pass", Map.of("place", "school", "gateway", "cam-school-1")),
                new WatchRuleRow(
                        2, tag, family, kakogawa, "not-seen", Map.of("mode", "since", "since", "15:00", "by", "16:30")),
                new WatchRuleRow(3, tag, family, kakogawa, "near-flood", Map.of("distance-m", "200")),
                new WatchRuleRow(4, tag, family, kakogawa, "not-seen", Map.of("mode", "sometimes")));
        List<String> bad = new ArrayList<>();

        List<WatchRules> rules = WatchRuleCodec.read(
                rows,
                Settings.defaults(),
                id -> id.equals(SCHOOL_GATE.id()) ? Optional.of(SCHOOL_GATE) : Optional.empty(),
                bad::add);

        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.gates()).singleElement().satisfies(g -> {
                assertThat(g.place().center()).isEqualTo(SCHOOL_GATE.position().orElseThrow());
                assertThat(g.place().radiusMetres()).isEqualTo(50);
                assertThat(g.debounce()).isEqualTo(Duration.ofMinutes(10));
            });
            assertThat(r.notSeen()).singleElement().isInstanceOf(NotSeenRule.NotSinceBy.class);
            assertThat(r.nearFlood()).hasValueSatisfying(n -> {
                assertThat(n.distanceMetres()).isEqualTo(200);
                assertThat(n.fromStage()).isEqualTo(Stage.EVACUATION);
            });
        });
        assertThat(bad)
                .singleElement()
                .asString()
                .startsWith("watch rule 4 (not-seen)")
                .doesNotContain("tag-0001");
    }

    @Test
    void unknownKeysUnreadableValuesAndThresholdsThatDoNotRiseAreRefusedByKey() {
        Map<String, String> problems = RuleCheck.problems(
                Settings.defaults(),
                Map.of(
                        "river-stage.hold", "thirty minutes",
                        "municipality.999999.battery.low-percent", "10",
                        "station.kunikane.no-such-rule", "1"),
                List.of(KUNIKANE));

        assertThat(problems)
                .containsOnlyKeys(
                        "river-stage.hold", "municipality.999999.battery.low-percent", "station.kunikane.no-such-rule");
        assertThat(problems.get("river-stage.hold")).contains("ISO-8601 duration");

        assertThat(RuleCheck.problems(
                        Settings.defaults(),
                        Map.of("station.kunikane.river-stage.thresholds-m", "1:3.00,2:2.00"),
                        List.of(KUNIKANE)))
                .containsOnlyKeys("station.kunikane");
        assertThat(RuleCheck.problems(
                        Settings.defaults(),
                        Map.of(
                                "station.kunikane.river-stage.thresholds-m", "1:1.50,3:3.30",
                                "municipality.282103.reminders.critical", "PT15M"),
                        List.of(KUNIKANE)))
                .isEmpty();
    }

    private static Reading level(double metres) {
        return new Reading(
                KUNIKANE.id(),
                KUNIKANE.municipality(),
                Instant.parse("2026-07-03T00:00:00Z"),
                Quantity.WATER_LEVEL,
                metres);
    }
}
