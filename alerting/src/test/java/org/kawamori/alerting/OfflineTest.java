package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;
import static org.kawamori.alerting.fixtures.StationFixtures.givenInundationSensor;

import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Notice;

class OfflineTest {

    /** Daily while calm (+1 h grace), every 10 minutes (+5 min grace) from 2.0 m. */
    private final Basin basin = givenBasin()
            .with(givenGauge("itakura").crisisGauge(2.0))
            .with(givenGauge("kunikane").reportingEvery(10, MINUTES))
            .with(givenInundationSensor("underpass").reportingOnEvent());

    @Test
    void a_silent_daily_mode_gauge_is_not_missing_before_its_daily_report_and_grace_are_overdue() {
        basin.level("itakura", 1.10);

        assertThat(basin.after(24, HOURS).tick().changes()).isEmpty();
        assertThat(basin.after(59, MINUTES).tick().changes()).isEmpty();
        assertThat(basin.after(1, MINUTES).tick().changes())
                .as("exactly at the limit")
                .isEmpty();

        Notice missing = basin.after(1, SECONDS).tick().notices().get(0);

        assertThat(missing.rule()).isEqualTo("offline");
        assertThat(missing.transition()).isEqualTo(AlertTransition.OPENED);
        assertThat(missing.facts()).containsEntry("reporting", "crisis-gauge").containsEntry("station", "itakura");
        assertThat(missing.titleJa()).isEqualTo("加古川 板波：欠測（最終受信 09:00）");
    }

    @Test
    void above_the_observation_start_level_a_crisis_gauge_is_expected_every_ten_minutes() {
        basin.level("itakura", 2.05);

        assertThat(basin.after(15, MINUTES).tick().changes()).isEmpty();

        assertThat(lines(basin.after(1, MINUTES).tick().notices()))
                .containsExactly("Officers 282103 | alert-1-1 | OPENED");
    }

    @Test
    void a_report_after_missing_clears_it() {
        basin.level("itakura", 2.05);
        basin.after(16, MINUTES).tick();

        Evaluation back = basin.after(5, MINUTES).level("itakura", 1.95);

        assertThat(lines(back.notices())).containsExactly("Officers 282103 | alert-1-2 | CLEARED");
        assertThat(basin.engine().activeAlerts()).isEmpty();
    }

    @Test
    void a_periodic_gauge_is_missing_once_its_interval_and_grace_have_passed() {
        basin.level("kunikane", 1.0);
        assertThat(basin.after(15, MINUTES).tick().changes()).isEmpty();
        assertThat(basin.after(1, MINUTES).tick().notices())
                .extracting(Notice::rule)
                .containsExactly("offline");
    }

    @Test
    void a_report_on_event_sensor_is_missing_only_when_its_daily_health_check_is_overdue() {
        basin.depth("underpass", 0.0);

        assertThat(basin.after(25, HOURS).tick().changes()).isEmpty();
        assertThat(basin.after(1, MINUTES).tick().notices())
                .extracting(Notice::rule)
                .containsExactly("offline");
    }

    @Test
    void any_report_counts_even_a_battery_level() {
        basin.level("kunikane", 1.0);

        basin.after(10, MINUTES).battery("kunikane", 80);

        assertThat(basin.after(15, MINUTES).tick().changes()).isEmpty();
    }

    @Test
    void a_missing_sensor_is_told_once_and_then_reminded_every_two_hours_until_acknowledged() {
        basin.level("kunikane", 1.0);
        basin.after(16, MINUTES).tick();

        assertThat(basin.after(119, MINUTES).tick().changes()).isEmpty();
        assertThat(basin.after(1, MINUTES).tick().notices())
                .extracting(Notice::transition)
                .containsExactly(AlertTransition.REMINDER);
    }

    @Test
    void a_sensor_that_never_reported_is_not_judged() {
        assertThat(basin.after(3, HOURS).tick().changes()).isEmpty();
    }
}
