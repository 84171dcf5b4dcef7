package org.kawamori.alerting;

import static java.time.temporal.ChronoUnit.HOURS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.TagFixtures.givenTag;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.alerting.fixtures.InMemoryAlertStore;
import org.kawamori.alerting.rules.RuleBook;
import org.kawamori.alerting.rules.Settings;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.SearchAudit;

class LostModeTest {

    private static final GeoPoint NEAR_THE_RIVER = new GeoPoint(34.7800, 134.8450);
    private static final Audience.Officers KAKOGAWA_OFFICERS = new Audience.Officers(Basin.START_CITY);
    private static final Audience.Officers TAKASAGO_OFFICERS = new Audience.Officers(MunicipalityCode.of("282162"));

    private final Basin basin = givenBasin().with(givenTag("tag-1").ofFamily("yamada"));

    /** The family declares tag-1 missing now; the search's id. */
    private long declareLost() {
        return basin.engine()
                .declareLost(basin.tag("tag-1"), basin.now())
                .changes()
                .get(0)
                .alertId();
    }

    @Test
    void declaring_the_tag_missing_tells_the_family_and_the_officers_of_its_municipality_without_personal_data() {
        List<Notice> declared =
                basin.engine().declareLost(basin.tag("tag-1"), basin.now()).notices();

        assertThat(lines(declared))
                .containsExactly("Family yamada | alert-1-1 | OPENED", "Officers 282103 | alert-1-1 | OPENED");
        assertThat(declared).extracting(Notice::severity).containsOnly(Severity.CRITICAL);
        Notice officers = declared.get(1);
        assertThat(officers.titleJa()).isEqualTo("見守りタグの捜索 #1：捜索中");
        assertThat(officers.facts()).containsOnlyKeys("search", "municipality");
    }

    @Test
    void every_sighting_in_lost_mode_is_pushed_at_once_to_the_family_and_announced_to_the_officers_by_reference() {
        basin.engine().declareLost(basin.tag("tag-1"), basin.now());

        List<Notice> sighted =
                basin.after(3, MINUTES).sighted("tag-1", NEAR_THE_RIVER).notices();
        List<Notice> again =
                basin.after(1, MINUTES).sighted("tag-1", NEAR_THE_RIVER).notices();

        assertThat(lines(sighted))
                .containsExactly("Family yamada | alert-1-2 | REMINDER", "Officers 282103 | alert-1-2 | REMINDER");
        assertThat(lines(again))
                .containsExactly("Family yamada | alert-1-3 | REMINDER", "Officers 282103 | alert-1-3 | REMINDER");
        assertThat(sighted.get(0).facts()).containsEntry("lat", "34.78").containsEntry("lon", "134.845");
        assertThat(sighted.get(0).titleJa()).isEqualTo("【継続中】捜索中の見守りタグ：09:03 に検知");
        assertThat(sighted.get(1).facts()).containsOnlyKeys("search", "municipality", "sighting");
        assertThat(sighted.get(0).titleEn()).isEqualTo("Still active: Missing watch tag: sighted at 09:03");
        assertThat(sighted.get(1).titleEn()).isEqualTo("Still active: Watch tag search #1: new sighting");
    }

    @Test
    void an_officer_of_the_tags_municipality_reads_the_sightings_and_each_read_is_audited() {
        long search = declareLost();
        basin.after(3, MINUTES).sighted("tag-1", NEAR_THE_RIVER);
        basin.after(3, MINUTES).sighted("tag-1", NEAR_THE_RIVER);

        var sightings = basin.engine().searchSightings(search, KAKOGAWA_OFFICERS, "officer-tanaka", basin.now());
        basin.engine().searchSightings(search, KAKOGAWA_OFFICERS, "officer-sato", basin.now());

        assertThat(sightings).hasSize(2).allSatisfy(s -> assertThat(s.position())
                .isEqualTo(NEAR_THE_RIVER));
        assertThat(basin.audit())
                .containsExactly(
                        new SearchAudit.OfficerRead(search, Basin.START_CITY, "officer-tanaka", basin.now(), 2),
                        new SearchAudit.OfficerRead(search, Basin.START_CITY, "officer-sato", basin.now(), 2));
    }

    @Test
    void officers_of_another_municipality_are_refused_and_nothing_is_read() {
        long search = declareLost();

        assertThatThrownBy(() -> basin.engine().searchSightings(search, TAKASAGO_OFFICERS, "officer-x", basin.now()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(basin.audit()).isEmpty();
    }

    @Test
    void a_read_whose_audit_entry_cannot_be_written_is_refused() {
        var engine = new AlertEngine(
                RuleBook.of(
                        Settings.defaults(),
                        List.of(),
                        List.of(),
                        List.of(givenTag("tag-1").build())),
                new InMemoryAlertStore(),
                read -> {
                    throw new IllegalStateException("audit log down");
                });
        long search = engine.declareLost(basin.tag("tag-1"), basin.now())
                .changes()
                .get(0)
                .alertId();

        assertThatThrownBy(() -> engine.searchSightings(search, KAKOGAWA_OFFICERS, "officer-tanaka", basin.now()))
                .hasMessage("audit log down");
    }

    @Test
    void ending_the_search_clears_it_for_both_and_closes_the_officers_reads() {
        long search = declareLost();
        basin.after(3, MINUTES).sighted("tag-1", NEAR_THE_RIVER);

        List<Notice> ended =
                basin.engine().endLost(basin.tag("tag-1"), basin.now()).notices();

        assertThat(lines(ended))
                .containsExactly("Family yamada | alert-1-3 | CLEARED", "Officers 282103 | alert-1-3 | CLEARED");
        assertThatThrownBy(
                        () -> basin.engine().searchSightings(search, KAKOGAWA_OFFICERS, "officer-tanaka", basin.now()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(basin.after(1, MINUTES).sighted("tag-1", NEAR_THE_RIVER).notices())
                .as("no more pushes")
                .isEmpty();
    }

    @Test
    void a_declared_search_is_not_reminded_and_declaring_it_again_changes_nothing() {
        basin.engine().declareLost(basin.tag("tag-1"), basin.now());

        assertThat(basin.after(3, HOURS).tick().changes()).isEmpty();
        assertThat(basin.engine().declareLost(basin.tag("tag-1"), basin.now()).changes())
                .isEmpty();
    }
}
