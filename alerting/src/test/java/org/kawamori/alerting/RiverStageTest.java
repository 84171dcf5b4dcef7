package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.alerting.rules.Stage;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;

class RiverStageTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private final Basin basin = givenBasin()
            .with(givenGauge("kunikane")
                    .withStages(1.5, 2.6, 3.3, 4.0, 4.8)
                    .margin(0.1)
                    .hold(30, MINUTES));

    /** Deterministic noise of at most ±3 cm, well under the 10 cm margin. */
    private static double noise(int i) {
        return 0.015 * ((i * 7 % 5) - 2);
    }

    /**
     * 1.0 m rising 10 cm per 10 minutes to 5.2 m (7 hours), an hour at the crest, falling 10 cm per
     * 10 minutes back to 1.0 m, an hour there: 104 readings, every one with noise.
     */
    private static List<Double> floodCurve() {
        List<Double> curve = new ArrayList<>();
        IntStream.rangeClosed(0, 42).forEach(i -> curve.add(1.0 + 0.1 * i));
        IntStream.range(0, 6).forEach(i -> curve.add(5.2));
        IntStream.rangeClosed(1, 42).forEach(i -> curve.add(5.2 - 0.1 * i));
        IntStream.range(0, 6).forEach(i -> curve.add(1.0));
        return IntStream.range(0, curve.size())
                .mapToObj(i -> curve.get(i) + noise(i))
                .toList();
    }

    @Test
    void a_flood_rising_through_all_five_stages_and_back_moves_one_alert_up_and_down_and_clears_it() {
        List<Notice> notices = basin.play("kunikane", floodCurve(), TEN_MINUTES);

        assertThat(lines(notices))
                .containsExactly(
                        "Officers 282103 | alert-1-1 | OPENED | stage 1",
                        "Public | alert-1-1 | OPENED | stage 1",
                        "Officers 282103 | alert-1-2 | ESCALATED | stage 2",
                        "Public | alert-1-2 | ESCALATED | stage 2",
                        "Officers 282103 | alert-1-3 | ESCALATED | stage 3",
                        "Public | alert-1-3 | ESCALATED | stage 3",
                        "Officers 282103 | alert-1-4 | ESCALATED | stage 4",
                        "Public | alert-1-4 | ESCALATED | stage 4",
                        "Officers 282103 | alert-1-5 | ESCALATED | stage 5",
                        "Public | alert-1-5 | ESCALATED | stage 5",
                        "Officers 282103 | alert-1-6 | DEESCALATED | stage 4",
                        "Public | alert-1-6 | DEESCALATED | stage 4",
                        "Officers 282103 | alert-1-7 | DEESCALATED | stage 3",
                        "Public | alert-1-7 | DEESCALATED | stage 3",
                        "Officers 282103 | alert-1-8 | DEESCALATED | stage 2",
                        "Public | alert-1-8 | DEESCALATED | stage 2",
                        "Officers 282103 | alert-1-9 | DEESCALATED | stage 1",
                        "Public | alert-1-9 | DEESCALATED | stage 1",
                        "Officers 282103 | alert-1-10 | CLEARED | stage 0",
                        "Public | alert-1-10 | CLEARED | stage 0");
        assertThat(notices.stream().filter(n -> n.audience() instanceof Audience.Public))
                .extracting(Notice::severity)
                .containsExactly(
                        Severity.INFO,
                        Severity.WARNING,
                        Severity.CRITICAL,
                        Severity.CRITICAL,
                        Severity.CRITICAL,
                        Severity.CRITICAL,
                        Severity.CRITICAL,
                        Severity.WARNING,
                        Severity.INFO,
                        Severity.INFO);
        assertThat(notices.get(18).facts())
                .as("the all-clear names the level it was lifted at, and no stage")
                .containsEntry("stage", "0")
                .containsKeys("level-m", "thresholds-m")
                .doesNotContainKeys("stage-name-ja", "threshold-m");
        assertThat(basin.store().allAlerts()).hasSize(1);
        assertThat(basin.engine().activeAlerts()).isEmpty();
    }

    @Test
    void each_lift_comes_only_after_the_level_stayed_below_the_stage_minus_the_margin_for_the_hold_time() {
        List<Double> curve = floodCurve();
        List<Notice> notices = basin.play("kunikane", curve, TEN_MINUTES);

        for (Notice lift : notices) {
            if (lift.transition() != AlertTransition.DEESCALATED && lift.transition() != AlertTransition.CLEARED) {
                continue;
            }
            int from = Integer.parseInt(lift.facts().get("stage")) + 1;
            double limit = new double[] {1.5, 2.6, 3.3, 4.0, 4.8}[from - 1] - 0.1;
            int index = (int) Duration.between(Basin.START, lift.at()).dividedBy(TEN_MINUTES);
            assertThat(curve.subList(index - 3, index + 1))
                    .as("the four readings of the hold before lifting stage %d", from)
                    .allMatch(level -> level < limit);
            assertThat(curve.get(index - 4)).as("the reading before the hold").isGreaterThanOrEqualTo(limit);
        }
    }

    @Test
    void the_titles_are_in_japanese_first_and_english_and_the_facts_name_the_station_stage_level_and_thresholds() {
        Notice opened = basin.level("kunikane", 1.62).notices().get(0);

        assertThat(opened.titleJa()).isEqualTo("加古川 国包：水防団待機水位（1.62 m）");
        assertThat(opened.titleEn()).isEqualTo("加古川 国包: stage 1 standby level (1.62 m)");
        assertThat(opened.facts())
                .containsEntry("station", "kunikane")
                .containsEntry("station-name", "加古川 国包")
                .containsEntry("municipality", "282103")
                .containsEntry("stage", "1")
                .containsEntry("stage-name-ja", "水防団待機水位")
                .containsEntry("level-m", "1.62")
                .containsEntry("threshold-m", "1.50")
                .containsEntry("thresholds-m", "1:1.50,2:2.60,3:3.30,4:4.00,5:4.80");
        assertThat(opened.facts().keySet())
                .as("flood notices hold public facts only")
                .isSubsetOf(Set.of(
                        "station",
                        "station-name",
                        "municipality",
                        "stage",
                        "stage-name-ja",
                        "stage-name-en",
                        "level-m",
                        "threshold-m",
                        "thresholds-m",
                        "time"));
    }

    @Test
    void hovering_around_a_threshold_does_not_flap() {
        basin.level("kunikane", 2.3);
        List<Double> hovering = IntStream.range(0, 24)
                .mapToObj(i -> 2.6 + (i % 2 == 0 ? 0.03 : -0.08))
                .toList();
        List<Notice> notices = basin.after(10, MINUTES).play("kunikane", hovering, TEN_MINUTES);

        assertThat(lines(notices))
                .containsExactly(
                        "Officers 282103 | alert-1-2 | ESCALATED | stage 2",
                        "Public | alert-1-2 | ESCALATED | stage 2");
    }

    @Test
    void a_dip_below_the_margin_shorter_than_the_hold_does_not_lift_the_stage_and_a_long_enough_one_does() {
        basin.play("kunikane", List.of(2.7, 2.45, 2.45, 2.45, 2.55), TEN_MINUTES);
        assertThat(basin.engine().activeAlerts())
                .singleElement()
                .extracting(a -> a.level())
                .isEqualTo(2);

        List<Notice> notices = basin.play("kunikane", List.of(2.45, 2.45, 2.45, 2.45), TEN_MINUTES);

        assertThat(lines(notices))
                .containsExactly(
                        "Officers 282103 | alert-1-2 | DEESCALATED | stage 1",
                        "Public | alert-1-2 | DEESCALATED | stage 1");
    }

    @Test
    void a_level_exactly_at_a_threshold_raises_the_stage() {
        assertThat(lines(basin.level("kunikane", 1.5).notices()))
                .first()
                .isEqualTo("Officers 282103 | alert-1-1 | OPENED | stage 1");
    }

    @Test
    void a_level_that_reaches_two_stages_at_once_opens_at_the_higher_one() {
        basin.level("kunikane", 1.0);

        List<Notice> notices = basin.after(3, HOURS).level("kunikane", 2.9).notices();

        assertThat(lines(notices))
                .containsExactly(
                        "Officers 282103 | alert-1-1 | OPENED | stage 2", "Public | alert-1-1 | OPENED | stage 2");
    }

    @Test
    void a_station_with_only_some_stages_raises_those_and_lifts_straight_to_clear() {
        Basin partial = givenBasin()
                .with(givenGauge("ichiba").withStage(Stage.EVACUATION, 3.3).withStage(Stage.DANGER, 4.0));

        List<Notice> notices = partial.play("ichiba", List.of(2.9, 3.2, 3.35, 3.6, 3.1, 3.1, 3.1, 3.1), TEN_MINUTES);

        assertThat(lines(notices))
                .containsExactly(
                        "Officers 282103 | alert-1-1 | OPENED | stage 3",
                        "Public | alert-1-1 | OPENED | stage 3",
                        "Officers 282103 | alert-1-2 | CLEARED | stage 0",
                        "Public | alert-1-2 | CLEARED | stage 0");
    }

    @Test
    void a_silent_gauge_keeps_its_stage_however_long_it_is_silent() {
        basin.play("kunikane", List.of(3.4, 3.1), TEN_MINUTES);

        basin.after(6, HOURS);

        assertThat(basin.tick().changes())
                .noneMatch(c ->
                        c.after().alert().rule().equals("river-stage") && c.transition() != AlertTransition.REMINDER);
        assertThat(basin.engine().activeAlerts())
                .filteredOn(a -> a.alert().rule().equals("river-stage"))
                .singleElement()
                .extracting(a -> a.level())
                .isEqualTo(3);
    }
}
