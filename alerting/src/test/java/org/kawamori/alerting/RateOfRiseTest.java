package org.kawamori.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.alert.Notice;

class RateOfRiseTest {

    /** More than 30 cm within 60 minutes; clears under 15 cm. No stages: the rule stands alone. */
    private final Basin basin = givenBasin().with(givenGauge("kunikane").rateOfRise(30, 60));

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void a_rise_of_more_than_thirty_centimetres_within_an_hour_opens_a_rate_of_rise_alert() {
        List<Notice> notices = basin.play("kunikane", List.of(1.00, 1.06, 1.12, 1.18, 1.24, 1.31), TEN_MINUTES);

        assertThat(lines(notices)).containsExactly("Officers 282103 | alert-1-1 | OPENED");
        Notice opened = notices.get(0);
        assertThat(opened.rule()).isEqualTo("rate-of-rise");
        assertThat(opened.facts()).containsEntry("rise-cm", "31").containsEntry("limit-cm", "30");
        assertThat(opened.titleJa()).isEqualTo("加古川 国包：急な水位上昇（60分で31 cm）");
    }

    @Test
    void exactly_thirty_centimetres_is_not_more_than_thirty() {
        assertThat(basin.play("kunikane", List.of(1.00, 1.15, 1.30), TEN_MINUTES))
                .isEmpty();
    }

    @Test
    void the_same_rise_spread_over_more_than_the_window_does_not_count() {
        assertThat(basin.play("kunikane", List.of(1.00, 1.05, 1.10, 1.15, 1.20, 1.25, 1.30, 1.35), TEN_MINUTES))
                .isEmpty();
    }

    @Test
    void it_clears_when_the_rise_within_the_window_falls_under_the_clear_level_and_not_before() {
        basin.play("kunikane", List.of(1.00, 1.40), TEN_MINUTES);

        List<Notice> steady = basin.play("kunikane", List.of(1.42, 1.44, 1.45, 1.46, 1.47), TEN_MINUTES);
        assertThat(steady).as("still more than 15 cm above the window's lowest").isEmpty();

        List<Notice> levelled = basin.play("kunikane", List.of(1.48, 1.48), TEN_MINUTES);

        assertThat(lines(levelled)).containsExactly("Officers 282103 | alert-1-2 | CLEARED");
    }
}
