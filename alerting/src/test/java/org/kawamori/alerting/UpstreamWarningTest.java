package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.alerting.rules.Stage;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;

class UpstreamWarningTest {

    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");

    /** Takasago (282162) lies downstream of Kakogawa's Kunikane gauge and watches it from stage 3. */
    private final Basin basin = givenBasin()
            .with(givenGauge("kunikane").withStages(1.5, 2.6, 3.3, 4.0, 4.8).hold(20, MINUTES))
            .subscribing("282162", "kunikane", Stage.EVACUATION);

    private List<Notice> takasago(List<Notice> notices) {
        return notices.stream().filter(n -> n.rule().equals("upstream-warning")).toList();
    }

    @Test
    void the_downstream_municipality_gets_its_own_alert_when_the_upstream_station_reaches_the_stage() {
        List<Notice> notices = basin.play("kunikane", List.of(2.0, 2.8, 3.1, 3.35), Duration.ofMinutes(10));

        assertThat(lines(takasago(notices))).containsExactly("Officers 282162 | alert-3-1 | OPENED | stage 3");
        Notice warning = takasago(notices).get(0);
        assertThat(warning.titleJa()).isEqualTo("上流 加古川 国包：避難判断水位（3.35 m）");
        assertThat(warning.titleEn()).isEqualTo("Upstream 加古川 国包: stage 3 evacuation decision level (3.35 m)");
        assertThat(warning.facts())
                .containsEntry("upstream-station", "kunikane")
                .containsEntry("downstream", "282162")
                .containsEntry("station-name", "加古川 国包");
        assertThat(basin.store().allAlerts())
                .filteredOn(a -> a.alert().rule().equals("upstream-warning"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.alert().municipality().value()).isEqualTo("282162");
                    assertThat(a.alert().subject()).isEqualTo("282162:kunikane");
                });
    }

    @Test
    void it_follows_the_upstream_stage_and_clears_when_the_station_falls_below_the_subscribed_stage() {
        basin.play("kunikane", List.of(3.35, 3.7, 4.1), Duration.ofMinutes(10));

        List<Notice> falling = basin.play("kunikane", List.of(3.5, 3.5, 3.5, 3.1, 3.1, 3.1), Duration.ofMinutes(10));

        assertThat(lines(takasago(basin.notices())))
                .containsExactly(
                        "Officers 282162 | alert-2-1 | OPENED | stage 3",
                        "Officers 282162 | alert-2-2 | ESCALATED | stage 4",
                        "Officers 282162 | alert-2-3 | DEESCALATED | stage 3",
                        "Officers 282162 | alert-2-4 | CLEARED | stage 2");
        assertThat(takasago(falling)).extracting(Notice::audience).containsOnly(new Audience.Officers(TAKASAGO));
    }

    @Test
    void when_the_subscription_is_removed_its_warning_clears_at_the_stations_next_reading() {
        basin.play("kunikane", List.of(3.0, 3.35), Duration.ofMinutes(10));

        List<Notice> next = basin.withoutSubscriptions().level("kunikane", 3.36).notices();

        assertThat(lines(takasago(next))).containsExactly("Officers 282162 | alert-2-2 | CLEARED");
        assertThat(takasago(next).get(0).facts())
                .containsEntry("subscription", "ended")
                .containsEntry("station", "kunikane");
    }

    @Test
    void a_stage_below_the_subscribed_one_tells_the_downstream_municipality_nothing() {
        assertThat(takasago(basin.play("kunikane", List.of(2.0, 2.8, 3.2), Duration.ofMinutes(10))))
                .isEmpty();
    }
}
