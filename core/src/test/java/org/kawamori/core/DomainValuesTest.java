package org.kawamori.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo-gauge-1", "GW.0001", "a", "x_y-z.1"})
    void deviceIdsThatNeedNoEscapingInTopicsAreAccepted(String id) {
        assertThat(DeviceId.of(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-lead", "has space", "slash/inside", "plus+", "hash#", "é"})
    void deviceIdsThatWouldBreakATopicOrPathAreRefused(String id) {
        assertThatThrownBy(() -> DeviceId.of(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeviceIdLongerThan64CharactersIsRefused() {
        assertThat(DeviceId.of("a".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> DeviceId.of("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThat(DeviceId.isValid("a".repeat(65))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"child-tag-0042", "AA:BB:CC:DD:EE:FF", "t", "tag_1.v2"})
    void tagIdsOfTheUsualFormsAreAccepted(String id) {
        assertThat(new TagId(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":lead", "-lead", "has space", "slash/inside", "semi;colon", "\u30bf\u30b0", "\uff41"})
    void tagIdsOfAnyOtherFormAreRefused(String id) {
        assertThatThrownBy(() -> new TagId(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTagIdLongerThan64CharactersIsRefused() {
        assertThat(new TagId("t".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> new TagId("t".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aColonIsATagCharacterButNotADeviceCharacter() {
        assertThat(new TagId("a:b").value()).isEqualTo("a:b");
        assertThat(DeviceId.isValid("a:b")).isFalse();
    }

    @Test
    void tagIdsAndDetectionsNeverRevealTheTagInTheirTextForm() {
        TagId tag = new TagId("child-tag-0042");
        Detection d = new Detection(
                tag,
                Municipalities.KAKOGAWA,
                DeviceId.of("gw-1"),
                Municipalities.KAKOGAWA,
                Instant.parse("2026-11-23T00:00:00Z"),
                new GeoPoint(34.75, 134.84),
                30,
                -70);
        assertThat(tag.toString()).doesNotContain("0042");
        assertThat(d.toString()).doesNotContain("0042");
    }

    @Test
    void quantitiesKnowTheirPlausibleRange() {
        assertThat(Quantity.WATER_LEVEL.isPlausible(3.2)).isTrue();
        assertThat(Quantity.WATER_LEVEL.isPlausible(250)).isFalse();
        assertThat(Quantity.INUNDATION_DEPTH.isPlausible(-0.1)).isFalse();
        assertThat(Quantity.BATTERY.isPlausible(Double.NaN)).isFalse();
        assertThat(Quantity.bySenmlName("level")).contains(Quantity.WATER_LEVEL);
    }

    @Test
    void readingsRefuseNonFiniteValues() {
        assertThatThrownBy(() -> new Reading(
                        DeviceId.of("g"), Municipalities.KAKOGAWA, Instant.EPOCH, Quantity.WATER_LEVEL, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
