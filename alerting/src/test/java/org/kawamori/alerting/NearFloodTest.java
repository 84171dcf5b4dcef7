package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;
import static org.kawamori.alerting.fixtures.StationFixtures.givenInundationSensor;
import static org.kawamori.alerting.fixtures.TagFixtures.givenTag;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.alert.Notice;

class NearFloodTest {

    /** The Kunikane gauge stands at 34.7868, 134.8466; the underpass 2 km south. */
    private static final GeoPoint HUNDRED_METRES_FROM_THE_GAUGE = new GeoPoint(34.7877, 134.8466);

    private static final GeoPoint A_KILOMETRE_AWAY = new GeoPoint(34.7958, 134.8466);
    private static final GeoPoint BY_THE_UNDERPASS = new GeoPoint(34.7690, 134.8470);

    private final Basin basin = givenBasin()
            .with(givenGauge("kunikane").withStages(1.5, 2.6, 3.3, 4.0, 4.8).hold(20, MINUTES))
            .with(givenInundationSensor("underpass").at(34.7688, 134.8466))
            .with(givenTag("tag-1").ofFamily("yamada").nearFloodWithin(300));

    private List<Notice> nearFlood(Evaluation evaluation) {
        return evaluation.notices().stream()
                .filter(n -> n.rule().equals("near-flood"))
                .toList();
    }

    @Test
    void a_tag_sighted_near_a_gauge_at_stage_three_tells_the_family_naming_the_station() {
        basin.play("kunikane", List.of(3.0, 3.35), Duration.ofMinutes(10));

        List<Notice> near = nearFlood(basin.sighted("tag-1", HUNDRED_METRES_FROM_THE_GAUGE));

        assertThat(lines(near)).containsExactly("Family yamada | alert-2-1 | OPENED");
        assertThat(near.get(0).facts()).containsEntry("station", "kunikane").containsEntry("distance-m", "100");
        assertThat(near.get(0).titleJa()).isEqualTo("見守りタグ：加古川 国包付近（100 m）で検知");
    }

    @Test
    void a_gauge_below_stage_three_is_not_a_flood_for_the_rule() {
        basin.level("kunikane", 2.9);

        assertThat(nearFlood(basin.sighted("tag-1", HUNDRED_METRES_FROM_THE_GAUGE)))
                .isEmpty();
    }

    @Test
    void sighted_away_from_the_flood_the_near_flood_alert_clears() {
        basin.level("kunikane", 3.4);
        basin.after(1, MINUTES).sighted("tag-1", HUNDRED_METRES_FROM_THE_GAUGE);

        assertThat(lines(nearFlood(basin.after(5, MINUTES).sighted("tag-1", A_KILOMETRE_AWAY))))
                .containsExactly("Family yamada | alert-2-2 | CLEARED");
    }

    @Test
    void a_wet_inundation_sensor_is_a_flood_and_when_it_is_all_clear_the_tick_clears_the_near_flood_alert() {
        basin.depth("underpass", 0.15);
        assertThat(nearFlood(basin.after(1, MINUTES).sighted("tag-1", BY_THE_UNDERPASS)))
                .hasSize(1);

        basin.after(1, MINUTES).depth("underpass", 0.0);
        basin.after(1, MINUTES).depth("underpass", 0.0);
        basin.after(1, MINUTES).depth("underpass", 0.0);

        assertThat(lines(nearFlood(basin.after(1, MINUTES).tick())))
                .containsExactly("Family yamada | alert-2-2 | CLEARED");
    }
}
