package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.Alert.State;
import org.kawamori.core.alert.AlertChange;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.port.StoreUnavailableException;

class LifecycleTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    /** CRITICAL alerts are reminded every 30 minutes by default; the gauge is not missed for six hours. */
    private final Basin basin = givenBasin()
            .with(givenGauge("kunikane")
                    .withStages(1.5, 2.6, 3.3, 4.0, 4.8)
                    .hold(20, MINUTES)
                    .reportingEvery(6, HOURS));

    private long openAtStageThree() {
        return basin.level("kunikane", 3.4).changes().get(0).alertId();
    }

    private State state(long alertId) {
        return basin.store().allAlerts().stream()
                .filter(a -> a.id() == alertId)
                .findFirst()
                .orElseThrow()
                .alert()
                .state();
    }

    @Test
    void an_open_alert_is_reminded_to_the_officers_every_interval_until_acknowledged() {
        openAtStageThree();

        assertThat(basin.after(29, MINUTES).tick().changes()).isEmpty();
        assertThat(lines(basin.after(1, MINUTES).tick().notices()))
                .as("reminders are for the officers, not the public map")
                .containsExactly("Officers 282103 | alert-1-2 | REMINDER | stage 3");
        assertThat(basin.after(29, MINUTES).tick().changes()).isEmpty();
        assertThat(lines(basin.after(1, MINUTES).tick().notices()))
                .containsExactly("Officers 282103 | alert-1-3 | REMINDER | stage 3");
        assertThat(basin.notices().get(2).titleJa()).startsWith("【継続中】加古川 国包：避難判断水位");
    }

    @Test
    void acknowledging_tells_the_officers_who_did_and_stops_the_reminders() {
        long alert = openAtStageThree();

        List<Notice> acknowledged = basin.after(5, MINUTES)
                .engine()
                .acknowledge(alert, "officer-tanaka", basin.now())
                .notices();

        assertThat(lines(acknowledged)).containsExactly("Officers 282103 | alert-1-2 | ACKNOWLEDGED | stage 3");
        assertThat(acknowledged.get(0).facts()).containsEntry("acknowledged-by", "officer-tanaka");
        assertThat(acknowledged.get(0).titleEn()).startsWith("Acknowledged: 加古川 国包");
        assertThat(state(alert)).isEqualTo(State.ACKNOWLEDGED);
        assertThat(basin.after(3, HOURS).tick().changes()).isEmpty();
    }

    @Test
    void acknowledging_again_changes_nothing_and_an_unknown_alert_is_refused() {
        long alert = openAtStageThree();
        basin.engine().acknowledge(alert, "officer-tanaka", basin.now());

        assertThat(basin.engine()
                        .acknowledge(alert, "officer-sato", basin.now())
                        .changes())
                .isEmpty();
        assertThatThrownBy(() -> basin.engine().acknowledge(999, "officer-sato", basin.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_escalation_after_acknowledgement_needs_attention_again_opens_the_alert_and_reminds_again() {
        long alert = openAtStageThree();
        basin.engine().acknowledge(alert, "officer-tanaka", basin.now());

        basin.after(10, MINUTES).level("kunikane", 3.75);
        List<Notice> escalated = basin.after(10, MINUTES).level("kunikane", 4.1).notices();

        assertThat(lines(escalated))
                .containsExactly(
                        "Officers 282103 | alert-1-3 | ESCALATED | stage 4",
                        "Public | alert-1-3 | ESCALATED | stage 4");
        assertThat(state(alert)).isEqualTo(State.OPEN);
        assertThat(lines(basin.after(30, MINUTES).tick().notices()))
                .containsExactly("Officers 282103 | alert-1-4 | REMINDER | stage 4");
    }

    @Test
    void a_lower_stage_after_acknowledgement_keeps_it_acknowledged() {
        basin.level("kunikane", 3.7);
        long alert =
                basin.after(10, MINUTES).level("kunikane", 4.1).changes().get(0).alertId();
        basin.engine().acknowledge(alert, "officer-tanaka", basin.now());

        basin.after(10, MINUTES).play("kunikane", List.of(3.6, 3.6, 3.6), TEN_MINUTES);

        assertThat(basin.store().history())
                .extracting(c -> c.transition() + " " + c.after().alert().state())
                .containsExactly(
                        "OPENED OPEN", "ESCALATED OPEN", "ACKNOWLEDGED ACKNOWLEDGED", "DEESCALATED ACKNOWLEDGED");
    }

    @Test
    void an_acknowledged_alert_clears_when_its_condition_is_over() {
        long alert = openAtStageThree();
        basin.engine().acknowledge(alert, "officer-tanaka", basin.now());

        List<Notice> notices = basin.after(10, MINUTES)
                .play("kunikane", List.of(3.0, 2.6, 2.3, 2.0, 1.7, 1.3, 1.3, 1.3, 1.3), TEN_MINUTES);

        assertThat(notices)
                .extracting(Notice::transition)
                .map(Enum::name)
                .containsExactly("DEESCALATED", "DEESCALATED", "DEESCALATED", "DEESCALATED", "CLEARED", "CLEARED");
        assertThat(state(alert)).isEqualTo(State.CLEARED);
    }

    @Test
    void the_idempotency_keys_number_every_transition_of_an_alert_without_gaps() {
        long alert = openAtStageThree();
        basin.after(30, MINUTES).tick();
        basin.engine().acknowledge(alert, "officer-tanaka", basin.now());
        basin.after(10, MINUTES).level("kunikane", 3.75);
        basin.after(10, MINUTES).level("kunikane", 4.1);
        basin.after(10, MINUTES)
                .play("kunikane", List.of(3.7, 3.3, 2.9, 2.5, 2.1, 1.7, 1.3, 1.0, 1.0, 1.0), TEN_MINUTES);

        assertThat(basin.store().history())
                .extracting(AlertChange::transition)
                .map(Enum::name)
                .containsExactly(
                        "OPENED",
                        "REMINDER",
                        "ACKNOWLEDGED",
                        "ESCALATED",
                        "DEESCALATED",
                        "DEESCALATED",
                        "DEESCALATED",
                        "CLEARED");
        assertThat(basin.notices())
                .extracting(Notice::key)
                .containsExactly(
                        "alert-1-1",
                        "alert-1-1", // officers and public
                        "alert-1-2", // reminder: officers
                        "alert-1-3", // acknowledged: officers
                        "alert-1-4",
                        "alert-1-4",
                        "alert-1-5",
                        "alert-1-5",
                        "alert-1-6",
                        "alert-1-6",
                        "alert-1-7",
                        "alert-1-7",
                        "alert-1-8",
                        "alert-1-8");
    }

    @Test
    void when_the_store_fails_nothing_changes_and_the_same_reading_again_opens_the_alert_once() {
        basin.store().failNext(1);

        assertThatThrownBy(() -> basin.level("kunikane", 3.4)).isInstanceOf(StoreUnavailableException.class);
        assertThat(basin.engine().activeAlerts()).isEmpty();

        Evaluation retried = basin.engine()
                .onReadings(basin.sensor("kunikane"), List.of(basin.reading("kunikane", basin.now(), 3.4)));

        assertThat(retried.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.after().sequence()).isEqualTo(1));
        assertThat(basin.store().activeAlerts()).hasSize(1);
    }
}
