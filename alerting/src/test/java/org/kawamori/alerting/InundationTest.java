package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenInundationSensor;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;

class InundationTest {

    private final Basin basin = givenBasin()
            .with(givenInundationSensor("underpass")
                    .steps(0.10, 0.20, 0.30)
                    .dryAfterReports(3)
                    .dryAfter(30, MINUTES))
            .with(givenInundationSensor("low-road").wetDry().dryAfterReports(2).dryAfter(60, MINUTES));

    private List<String> depths(String sensor, double... metres) {
        List<String> lines = new ArrayList<>();
        for (double m : metres) {
            lines.addAll(lines(basin.depth(sensor, m).notices()));
            basin.after(5, MINUTES);
        }
        return lines;
    }

    @Test
    void the_alert_follows_the_depth_steps_up_and_down_while_wet() {
        assertThat(depths("underpass", 0.0, 0.12, 0.25, 0.34, 0.22))
                .containsExactly(
                        "Officers 282103 | alert-1-1 | OPENED",
                        "Public | alert-1-1 | OPENED",
                        "Officers 282103 | alert-1-2 | ESCALATED",
                        "Public | alert-1-2 | ESCALATED",
                        "Officers 282103 | alert-1-3 | ESCALATED",
                        "Public | alert-1-3 | ESCALATED",
                        "Officers 282103 | alert-1-4 | DEESCALATED",
                        "Public | alert-1-4 | DEESCALATED");
        assertThat(basin.notices())
                .filteredOn(n -> n.audience() instanceof Audience.Public)
                .extracting(Notice::severity)
                .containsExactly(Severity.WARNING, Severity.CRITICAL, Severity.CRITICAL, Severity.CRITICAL);
        assertThat(basin.notices().get(0).titleJa()).isEqualTo("underpass：浸水 10 cm 以上");
    }

    @Test
    void the_all_clear_comes_only_after_three_dry_reports_in_a_row() {
        depths("underpass", 0.15);

        assertThat(depths("underpass", 0.0, 0.0)).isEmpty();
        assertThat(depths("underpass", 0.12))
                .as("wet again: the dry count starts over")
                .isEmpty();
        assertThat(depths("underpass", 0.0, 0.0)).isEmpty();

        assertThat(depths("underpass", 0.0))
                .containsExactly("Officers 282103 | alert-1-2 | CLEARED", "Public | alert-1-2 | CLEARED");
    }

    @Test
    void a_sensor_that_reports_dry_once_and_then_stays_silent_is_all_clear_after_the_dry_hold_on_tick() {
        depths("low-road", 0.05);
        basin.depth("low-road", 0.0);

        assertThat(basin.after(59, MINUTES).tick().changes()).isEmpty();

        assertThat(lines(basin.after(1, MINUTES).tick().notices()))
                .containsExactly("Officers 282103 | alert-1-2 | CLEARED", "Public | alert-1-2 | CLEARED");
    }

    @Test
    void a_wet_dry_sensor_is_flooded_at_any_depth() {
        Notice flooded = basin.depth("low-road", 0.003).notices().get(0);

        assertThat(flooded.titleJa()).isEqualTo("low-road：冠水");
        assertThat(flooded.titleEn()).isEqualTo("low-road: flooded");
        assertThat(flooded.severity()).isEqualTo(Severity.WARNING);
    }
}
