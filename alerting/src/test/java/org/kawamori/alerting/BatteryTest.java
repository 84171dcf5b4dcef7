package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;

class BatteryTest {

    private final Basin basin = givenBasin().with(givenGauge("kunikane").battery(20, 30));

    private List<String> battery(double... percents) {
        List<String> lines = new ArrayList<>();
        for (double percent : percents) {
            lines.addAll(lines(basin.battery("kunikane", percent).notices()));
            basin.after(10, MINUTES);
        }
        return lines;
    }

    @Test
    void a_battery_at_or_below_the_low_level_opens_an_alert_for_the_officers() {
        assertThat(battery(45, 21, 20)).containsExactly("Officers 282103 | alert-1-1 | OPENED");
        assertThat(basin.notices().get(0).titleJa()).isEqualTo("加古川 国包：電池残量低下（20%）");
    }

    @Test
    void it_does_not_flap_around_the_low_level_and_clears_only_at_the_clear_level() {
        battery(19);

        assertThat(battery(21, 19, 25, 29)).isEmpty();
        assertThat(battery(30)).containsExactly("Officers 282103 | alert-1-2 | CLEARED");
    }
}
