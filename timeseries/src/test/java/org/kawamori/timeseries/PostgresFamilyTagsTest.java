package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.access.FamilyTags.FamilyTag;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.timeseries.fixtures.Households;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresFamilyTagsTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final Instant T0 = Instant.parse("2026-07-01T07:30:00.123456Z");
    private static final Instant EVER = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");
    private static final TagId YUI = new TagId("suzuki-yui");
    private static final TagId SORA = new TagId("suzuki-sora");
    private static final TagId KENTA = new TagId("tanaka-kenta");

    private Households basin;
    private PostgresFamilyTags familyTags;
    private FamilyId suzuki;
    private FamilyId tanaka;

    @BeforeEach
    void twoFamiliesWithTheirTags() {
        basin = Households.in(db.dataSource());
        suzuki = basin.family("suzuki")
                .of(KAKOGAWA)
                .withTag(YUI, "ゆい")
                .withTag(SORA)
                .id();
        tanaka = basin.family("tanaka").of(KAKOGAWA).withTag(KENTA, "けんた").id();
        familyTags = new PostgresFamilyTags(db.dataSource());
    }

    @Test
    void aFamilySeesItsOwnTagsWithTheirLastPositionedSightingOnly() {
        basin.tag(YUI).isHeard().by("cam-0001").near(34.75, 134.84).within(30).at(T0);
        basin.tag(YUI)
                .isHeard()
                .by("cam-0002")
                .near(34.7566, 134.8414)
                .within(12.5)
                .at(T0.plusSeconds(90));
        basin.tag(KENTA).isHeard().at(T0.plusSeconds(120));

        assertThat(familyTags.tags(suzuki))
                .extracting(FamilyTag::tag, FamilyTag::municipality, FamilyTag::nickname, FamilyTag::last)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SORA, KAKOGAWA, Optional.empty(), Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple(
                                YUI,
                                KAKOGAWA,
                                Optional.of("ゆい"),
                                Optional.of(sighting(YUI, T0.plusSeconds(90), 34.7566, 134.8414, 12.5))));
        assertThat(familyTags.tags(tanaka)).extracting(FamilyTag::tag).containsExactly(KENTA);
        assertThat(familyTags.tags(new FamilyId("nobody"))).isEmpty();
    }

    @Test
    void aDetectionStoredForAnotherMunicipalityOrWithoutPositionIsNotTheLastSighting() throws SQLException {
        basin.tag(YUI).isHeard().at(T0);
        basin.tag(YUI).isHeard().storedFor(TAKASAGO).by("cam-9001").at(T0.plusSeconds(60));
        withoutPosition(YUI, T0.plusSeconds(120));

        assertThat(familyTags.tags(suzuki))
                .filteredOn(t -> t.tag().equals(YUI))
                .singleElement()
                .satisfies(t -> assertThat(t.last())
                        .hasValueSatisfying(last -> assertThat(last.last()).isEqualTo(T0)));
    }

    @Test
    void theTrailIsTheTagsDetectionsNewestFirstOneSightingPerRow() {
        basin.tag(YUI).isHeard().by("cam-0001").near(34.75, 134.84).within(30).at(T0);
        basin.tag(YUI).isHeard().by("cam-0002").near(34.76, 134.85).within(5).at(T0);
        basin.tag(YUI).isHeard().by("cam-0003").near(34.77, 134.86).within(10).at(T0.plusSeconds(60));

        assertThat(familyTags.trail(suzuki, YUI, EVER, NEVER, 100))
                .hasValue(List.of(
                        sighting(YUI, T0.plusSeconds(60), 34.77, 134.86, 10),
                        sighting(YUI, T0, 34.76, 134.85, 5),
                        sighting(YUI, T0, 34.75, 134.84, 30)));
    }

    @Test
    void anotherFamilysTagHasNoTrailAtAllNotEvenAnEmptyOne() {
        basin.tag(KENTA).isHeard().at(T0);
        basin.strayTag(new TagId("no-family"), KAKOGAWA);
        basin.tag(new TagId("no-family")).isHeard().at(T0);

        assertThat(familyTags.trail(suzuki, KENTA, EVER, NEVER, 100)).isEmpty();
        assertThat(familyTags.trail(suzuki, new TagId("no-family"), EVER, NEVER, 100))
                .isEmpty();
        assertThat(familyTags.trail(suzuki, new TagId("unknown"), EVER, NEVER, 100))
                .isEmpty();
        assertThat(familyTags.trail(tanaka, KENTA, EVER, NEVER, 100))
                .hasValueSatisfying(trail -> assertThat(trail).hasSize(1));
        assertThat(familyTags.trail(suzuki, SORA, EVER, NEVER, 100))
                .as("the family's own tag, never heard")
                .hasValue(List.of());
    }

    @Test
    void theTrailLeavesOutRowsStoredForAnotherMunicipalityAndRowsWithoutPosition() throws SQLException {
        basin.tag(YUI).isHeard().by("cam-0001").at(T0);
        basin.tag(YUI).isHeard().storedFor(TAKASAGO).by("cam-9001").at(T0.plusSeconds(30));
        withoutPosition(YUI, T0.plusSeconds(45));
        basin.tag(KENTA).isHeard().by("cam-0001").at(T0.plusSeconds(50));

        assertThat(familyTags.trail(suzuki, YUI, EVER, NEVER, 100)).hasValueSatisfying(trail -> assertThat(trail)
                .extracting(TagSighting::tag, TagSighting::municipality, TagSighting::last)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(YUI, KAKOGAWA, T0)));
    }

    @Test
    void theTrailKeepsToItsHalfOpenWindowAndItsLimit() {
        basin.tag(YUI).isHeardEvery(60, 10, T0); // T0, T0+1min, ..., T0+9min

        assertThat(familyTags.trail(suzuki, YUI, T0.plusSeconds(120), T0.plusSeconds(300), 100))
                .hasValueSatisfying(trail -> assertThat(trail)
                        .extracting(TagSighting::last)
                        .containsExactly(T0.plusSeconds(240), T0.plusSeconds(180), T0.plusSeconds(120)));
        assertThat(familyTags.trail(suzuki, YUI, EVER, NEVER, 3)).hasValueSatisfying(trail -> assertThat(trail)
                .extracting(TagSighting::last)
                .containsExactly(T0.plusSeconds(540), T0.plusSeconds(480), T0.plusSeconds(420)));
        assertThat(familyTags.trail(suzuki, YUI, T0, T0, 100)).hasValue(List.of());
        assertThat(familyTags.trail(suzuki, YUI, Instant.MIN, Instant.MAX, 1))
                .hasValueSatisfying(trail -> assertThat(trail).hasSize(1));
    }

    @Test
    void aTrailWithoutRoomOrWithAnInvertedWindowIsRefused() {
        assertThatThrownBy(() -> familyTags.trail(suzuki, YUI, EVER, NEVER, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a trail's limit is at least 1");
        assertThatThrownBy(() -> familyTags.trail(suzuki, YUI, NEVER, EVER, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a trail's window starts before it ends");
    }

    @Test
    void aFamilyOwnsItsTagsAndNoOneElses() {
        assertThat(familyTags.owns(suzuki, YUI)).isTrue();
        assertThat(familyTags.owns(suzuki, SORA)).isTrue();
        assertThat(familyTags.owns(suzuki, KENTA)).isFalse();
        assertThat(familyTags.owns(tanaka, KENTA)).isTrue();
        assertThat(familyTags.owns(suzuki, new TagId("unknown"))).isFalse();

        new FamilyRegistry(db.dataSource()).assign(YUI, Optional.empty());

        assertThat(familyTags.owns(suzuki, YUI)).isFalse();
        assertThat(familyTags.trail(suzuki, YUI, EVER, NEVER, 10)).isEmpty();
    }

    @Test
    void aFamilyTagPrintsNothingPersonal() {
        basin.tag(YUI).isHeard().at(T0);

        assertThat(familyTags.tags(suzuki).toString()).doesNotContain("yui", "ゆい", "34.", "134.");
    }

    private static TagSighting sighting(TagId tag, Instant at, double lat, double lon, double accuracy) {
        return new TagSighting(tag, KAKOGAWA, at, at, new GeoPoint(lat, lon), accuracy, 1);
    }

    /** A detection row without a position (core's Detection always has one; older rows may not). */
    private static void withoutPosition(TagId tag, Instant at) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("insert into detection (tag_id, tag_municipality,"
                        + " gateway_id, gateway_municipality, time) values (?, '282103', 'cam-0077', '282103', ?)")) {
            insert.setString(1, tag.value());
            insert.setObject(2, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
