package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.TagFixtures.SCHOOL_GATE;
import static org.kawamori.alerting.fixtures.TagFixtures.STATION;
import static org.kawamori.alerting.fixtures.TagFixtures.givenTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.alerting.rules.Place;
import org.kawamori.alerting.rules.Settings;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.TagSighting;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;

class GatePassTest {

    private static final GeoPoint AT_THE_GATE = new GeoPoint(34.75710, 134.84125); // about 11 m from its centre
    private static final GeoPoint DOWN_THE_ROAD = new GeoPoint(34.7590, 134.8450);

    private final Basin basin = givenBasin()
            .with(givenTag("tag-1").ofFamily("yamada").passing(SCHOOL_GATE).passing(STATION))
            .with(givenTag("tag-2").ofFamily("suzuki"));

    private List<Notice> everyMinute(String tag, GeoPoint where, int minutes) {
        List<Notice> told = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            told.addAll(basin.sighted(tag, where).notices());
            basin.after(1, MINUTES);
        }
        return told;
    }

    @Test
    void a_child_waiting_at_the_gate_for_ten_minutes_gives_the_family_one_notice() {
        List<Notice> notices = everyMinute("tag-1", AT_THE_GATE, 10);

        assertThat(lines(notices)).containsExactly("Family yamada | alert-1-1 | OPENED");
        Notice pass = notices.get(0);
        assertThat(pass.rule()).isEqualTo("gate-pass");
        assertThat(pass.severity()).isEqualTo(Severity.INFO);
        assertThat(pass.audience()).isEqualTo(new Audience.Family(new Audience.FamilyId("yamada"), Basin.START_CITY));
        assertThat(pass.titleJa()).isEqualTo("見守りタグ：加古川小学校 正門を通過（09:00）");
        assertThat(pass.titleEn()).isEqualTo("Watch tag: passed 加古川小学校 正門 (09:00)");
        assertThat(pass.facts()).containsEntry("place", "school-gate").containsKeys("lat", "lon", "time");
    }

    @Test
    void the_pass_ends_silently_once_the_tag_was_not_at_the_gate_for_the_debounce_time_and_a_return_is_a_new_pass() {
        everyMinute("tag-1", AT_THE_GATE, 3);
        basin.after(9, MINUTES);
        assertThat(basin.sighted("tag-1", AT_THE_GATE).changes())
                .as("back within ten minutes: the same pass")
                .isEmpty();

        Evaluation ended = basin.after(10, MINUTES).tick();
        assertThat(ended.changes()).extracting(c -> c.transition()).containsExactly(AlertTransition.CLEARED);
        assertThat(ended.notices()).as("the end of a pass is not told").isEmpty();

        assertThat(lines(basin.after(1, MINUTES).sighted("tag-1", AT_THE_GATE).notices()))
                .containsExactly("Family yamada | alert-2-1 | OPENED");
    }

    @Test
    void sighted_elsewhere_after_the_debounce_the_pass_ends_and_another_watched_place_is_a_new_pass_at_once() {
        everyMinute("tag-1", AT_THE_GATE, 2);
        assertThat(basin.after(3, MINUTES).sighted("tag-1", DOWN_THE_ROAD).changes())
                .isEmpty();

        Evaluation station = basin.after(2, MINUTES).sighted("tag-1", STATION.center());

        assertThat(station.changes())
                .extracting(c -> c.after().id() + " " + c.transition())
                .containsExactly("1 CLEARED", "2 OPENED");
        assertThat(station.notices().get(0).facts()).containsEntry("place", "station");
    }

    @Test
    void a_place_chosen_by_its_gateway_is_where_that_gateway_hears() {
        var camera = new Gateway(
                DeviceId.of("cam-0142"),
                Basin.START_CITY,
                GatewayKind.FIXED,
                Optional.of(new GeoPoint(34.7570, 134.8412)),
                true);
        var gate = Place.ofGateway(camera, "正門のカメラ", Settings.defaults());
        Basin byGateway = givenBasin().with(givenTag("tag-3").ofFamily("tanaka").passing(gate));

        assertThat(gate.radiusMetres()).as("the BLE range").isEqualTo(50);
        assertThat(lines(byGateway.sighted("tag-3", AT_THE_GATE).notices()))
                .containsExactly("Family tanaka | alert-1-1 | OPENED");
        assertThat(byGateway.after(20, MINUTES).sighted("tag-3", DOWN_THE_ROAD).notices())
                .isEmpty();
    }

    @Test
    void a_tag_without_rules_for_the_place_tells_nobody() {
        assertThat(everyMinute("tag-2", AT_THE_GATE, 3)).isEmpty();
        assertThat(basin.store().allAlerts()).isEmpty();
    }

    @Test
    void an_older_sighting_arriving_late_is_ignored() {
        basin.after(5, MINUTES).sighted("tag-1", DOWN_THE_ROAD);
        var late = new TagSighting(basin.tag("tag-1"), Basin.START_CITY, Basin.START, Basin.START, AT_THE_GATE, 10, 1);

        assertThat(basin.engine().onSighting(late).changes()).isEmpty();
    }
}
