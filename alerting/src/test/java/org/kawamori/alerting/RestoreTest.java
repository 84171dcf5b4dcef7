package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;
import static org.kawamori.alerting.fixtures.TagFixtures.SCHOOL_GATE;
import static org.kawamori.alerting.fixtures.TagFixtures.givenTag;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.GeoPoint;

class RestoreTest {

    private final Basin basin = givenBasin()
            .with(givenGauge("kunikane")
                    .withStages(1.5, 2.6, 3.3, 4.0, 4.8)
                    .hold(30, MINUTES)
                    .reportingEvery(6, HOURS));

    @Test
    void after_a_restart_the_same_alert_carries_on_with_the_next_sequence_number() {
        basin.play("kunikane", List.of(2.0, 2.4, 2.7, 3.0), Duration.ofMinutes(10));

        basin.restarted();

        assertThat(lines(basin.level("kunikane", 3.4).notices()))
                .containsExactly(
                        "Officers 282103 | alert-1-3 | ESCALATED | stage 3",
                        "Public | alert-1-3 | ESCALATED | stage 3");
        assertThat(basin.store().allAlerts()).hasSize(1);
    }

    @Test
    void a_hold_begun_before_the_restart_completes_after_it_on_the_same_reading() {
        basin.play("kunikane", List.of(2.8, 2.4, 2.4), Duration.ofMinutes(10));

        basin.restarted();
        List<String> notices = lines(basin.play("kunikane", List.of(2.4, 2.4), Duration.ofMinutes(10)));

        assertThat(notices)
                .containsExactly(
                        "Officers 282103 | alert-1-2 | DEESCALATED | stage 1",
                        "Public | alert-1-2 | DEESCALATED | stage 1");
        assertThat(basin.store().history().get(1).at()).isEqualTo(Basin.START.plus(Duration.ofMinutes(40)));
    }

    @Test
    void a_sensor_silent_since_before_the_restart_goes_missing_when_overdue() {
        Basin basin = givenBasin().with(givenGauge("kunikane").reportingEvery(10, MINUTES));
        basin.level("kunikane", 1.0);
        basin.after(10, MINUTES).restarted();

        assertThat(basin.after(5, MINUTES).tick().changes()).isEmpty();
        assertThat(basin.after(1, MINUTES).tick().notices())
                .extracting(n -> n.rule())
                .containsExactly("offline");
    }

    @Test
    void reminders_count_from_the_last_notice_before_the_restart() {
        basin.level("kunikane", 3.4);
        basin.after(20, MINUTES).restarted();

        assertThat(basin.after(9, MINUTES).tick().changes()).isEmpty();
        assertThat(lines(basin.after(1, MINUTES).tick().notices()))
                .containsExactly("Officers 282103 | alert-1-2 | REMINDER | stage 3");
    }

    @Test
    void an_acknowledgement_after_a_restart_finds_the_alert() {
        long alert = basin.level("kunikane", 3.4).changes().get(0).alertId();
        basin.restarted();

        assertThat(lines(basin.engine()
                        .acknowledge(alert, "officer-tanaka", basin.now())
                        .notices()))
                .containsExactly("Officers 282103 | alert-1-2 | ACKNOWLEDGED | stage 3");
    }

    @Test
    void a_tag_keeps_its_last_sighting_and_its_open_pass_across_a_restart() {
        Basin basin = givenBasin()
                .with(givenTag("tag-1")
                        .ofFamily("yamada")
                        .passing(SCHOOL_GATE)
                        .notSeenFor(1, HOURS)
                        .between("07:00", "18:00"));
        basin.sighted("tag-1", new GeoPoint(34.7570, 134.8412));
        basin.after(5, MINUTES).restarted();

        assertThat(basin.sighted("tag-1", new GeoPoint(34.7570, 134.8412)).changes())
                .as("the same pass")
                .isEmpty();
        assertThat(basin.after(59, MINUTES).tick().changes())
                .extracting(c -> c.after().alert().rule() + " " + c.transition())
                .containsExactly("gate-pass CLEARED");
        assertThat(basin.after(1, MINUTES).tick().notices())
                .extracting(n -> n.rule())
                .containsExactly("not-seen");
    }
}
