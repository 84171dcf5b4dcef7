package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.alert.AlertChange;

class SpikeTest {

    private final Basin basin = givenBasin()
            .with(givenGauge("kunikane").withStages(1.5, 2.6, 3.3, 4.0, 4.8).rateOfRise(30, 60));

    private List<String> transitions() {
        return basin.store().history().stream()
                .map(c -> c.after().alert().rule() + " " + c.transition())
                .toList();
    }

    @Test
    void a_spike_is_flagged_as_suspect_and_does_not_raise_a_flood_alert() {
        basin.level("kunikane", 1.20);
        Evaluation spike = basin.after(10, MINUTES).level("kunikane", 4.90);
        basin.after(10, MINUTES).level("kunikane", 1.21);

        assertThat(spike.suspect()).extracting(r -> r.value()).containsExactly(4.90);
        assertThat(transitions()).containsExactly("suspect-value OPENED", "suspect-value CLEARED");
        AlertChange cleared = basin.store().history().get(1);
        assertThat(cleared.notices()).singleElement().satisfies(n -> {
            assertThat(n.facts()).containsEntry("resolution", "rejected");
            assertThat(n.severity()).isEqualTo(Severity.INFO);
        });
    }

    @Test
    void a_spike_confirmed_by_the_next_reading_is_real_and_raises_the_stage_from_its_own_time() {
        basin.level("kunikane", 1.20);
        Instant spikeTime = basin.after(10, MINUTES).now();
        basin.level("kunikane", 4.90);
        basin.after(10, MINUTES).level("kunikane", 4.92);

        assertThat(transitions())
                .containsExactly(
                        "suspect-value OPENED", "suspect-value CLEARED", "river-stage OPENED", "rate-of-rise OPENED");
        assertThat(basin.store().history().get(1).notices().get(0).facts()).containsEntry("resolution", "confirmed");
        AlertChange stage = basin.store().history().get(2);
        assertThat(stage.after().level()).isEqualTo(5);
        assertThat(stage.at()).isEqualTo(spikeTime);
    }

    @Test
    void with_two_confirmations_one_agreeing_reading_is_not_enough() {
        Basin strict =
                givenBasin().with(givenGauge("kunikane").withStages(1.5, 2.6).confirmSpikesWith(2));
        strict.level("kunikane", 1.20);
        strict.after(10, MINUTES).level("kunikane", 2.90);
        strict.after(10, MINUTES).level("kunikane", 2.91);
        assertThat(strict.engine().activeAlerts())
                .extracting(a -> a.alert().rule())
                .containsExactly("suspect-value");

        strict.after(10, MINUTES).level("kunikane", 2.93);

        assertThat(strict.engine().activeAlerts())
                .extracting(a -> a.alert().rule())
                .containsExactly("river-stage");
    }

    @Test
    void a_fast_but_plausible_rise_is_not_suspect() {
        basin.level("kunikane", 1.20);

        Evaluation rise = basin.after(10, MINUTES).level("kunikane", 1.65);

        assertThat(rise.suspect()).isEmpty();
        assertThat(rise.changes())
                .extracting(c -> c.after().alert().rule() + " " + c.transition())
                .containsExactly("river-stage OPENED", "rate-of-rise OPENED");
    }

    @Test
    void after_a_long_silence_a_large_change_is_plausible() {
        basin.level("kunikane", 1.20);

        Evaluation later = basin.after(180, MINUTES).level("kunikane", 3.40);

        assertThat(later.suspect()).isEmpty();
        assertThat(basin.engine().activeAlerts()).extracting(a -> a.level()).containsExactly(3);
    }
}
