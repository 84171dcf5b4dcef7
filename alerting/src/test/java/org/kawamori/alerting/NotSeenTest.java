package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.TagFixtures.givenTag;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.alert.Notice;

class NotSeenTest {

    private static final GeoPoint SOMEWHERE = new GeoPoint(34.76, 134.84);

    @Test
    void a_tag_not_seen_for_an_hour_within_the_chosen_hours_tells_the_family_and_the_next_sighting_clears_it() {
        Basin basin = givenBasin()
                .with(givenTag("tag-1").ofFamily("yamada").notSeenFor(1, HOURS).between("07:00", "18:00"));
        basin.sighted("tag-1", SOMEWHERE);

        assertThat(basin.after(59, MINUTES).tick().changes()).isEmpty();
        Notice notSeen = basin.after(1, MINUTES).tick().notices().get(0);
        assertThat(basin.after(30, MINUTES).tick().changes()).as("told once").isEmpty();
        Evaluation seen = basin.after(5, MINUTES).sighted("tag-1", SOMEWHERE);

        assertThat(lines(List.of(notSeen))).containsExactly("Family yamada | alert-1-1 | OPENED");
        assertThat(notSeen.severity()).isEqualTo(Severity.WARNING);
        assertThat(notSeen.titleJa()).isEqualTo("見守りタグ：検知なし（最終 09:00）");
        assertThat(lines(seen.notices())).containsExactly("Family yamada | alert-1-2 | CLEARED");
    }

    @Test
    void outside_the_hours_nothing_is_told_and_the_silence_counts_from_the_start_of_the_hours() {
        Basin basin = givenBasin()
                .startingAt(Instant.parse("2026-07-03T08:30:00Z")) // 17:30 in Tokyo
                .with(givenTag("tag-1").ofFamily("yamada").notSeenFor(1, HOURS).between("07:00", "18:00"));
        basin.sighted("tag-1", SOMEWHERE);

        assertThat(basin.after(70, MINUTES).tick().changes())
                .as("18:40, after the hours")
                .isEmpty();
        basin.after(12, HOURS).after(50, MINUTES); // 07:30 the next morning
        assertThat(basin.tick().changes()).isEmpty();
        assertThat(basin.after(29, MINUTES).tick().changes()).as("07:59").isEmpty();
        assertThat(basin.after(1, MINUTES).tick().notices()).as("08:00").hasSize(1);
    }

    @Test
    void a_tag_expected_after_three_and_not_seen_by_half_past_four_tells_the_family() {
        Basin basin = givenBasin()
                .startingAt(Instant.parse("2026-07-03T05:00:00Z")) // 14:00 in Tokyo
                .with(givenTag("tag-1").ofFamily("yamada").notSeenSince("15:00", "16:30"));
        basin.sighted("tag-1", SOMEWHERE);

        assertThat(basin.after(2, HOURS).after(29, MINUTES).tick().changes())
                .as("16:29")
                .isEmpty();

        Notice notSeen = basin.after(1, MINUTES).tick().notices().get(0);
        assertThat(notSeen.facts()).containsEntry("rule", "not since 15:00 by 16:30");
    }

    @Test
    void a_tag_seen_after_three_is_not_reported_at_half_past_four() {
        Basin basin = givenBasin()
                .startingAt(Instant.parse("2026-07-03T06:20:00Z")) // 15:20 in Tokyo
                .with(givenTag("tag-1").ofFamily("yamada").notSeenSince("15:00", "16:30"));
        basin.sighted("tag-1", SOMEWHERE);

        assertThat(basin.after(70, MINUTES).tick().changes()).isEmpty();
    }
}
