package org.kawamori.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;

class SightingFolderTest {

    private static final Instant T0 = Instant.parse("2026-11-23T07:30:00Z");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");

    private final MovableClock clock = new MovableClock(T0);
    private final List<TagSighting> told = new CopyOnWriteArrayList<>();
    private final SightingFolder folder = new SightingFolder(Duration.ofSeconds(10), List.of(told::add), clock);

    @Test
    void threeGatewaysHearingOneTagMakeOneSightingAtTheBestPosition() {
        folder.add(List.of(heard("kid", "cam-1", 0, 50, -80, 34.750), heard("kid", "cam-2", 1, 50, -60, 34.751)));
        clock.advance(Duration.ofSeconds(3));
        folder.add(List.of(heard("kid", "phone", 2, 8, -90, 34.752)));

        clock.advance(Duration.ofSeconds(6));
        assertThat(folder.flush()).as("the window is still open").isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(folder.flush()).isEqualTo(1);

        assertThat(told).singleElement().satisfies(s -> {
            assertThat(s.tag()).isEqualTo(new TagId("kid"));
            assertThat(s.municipality()).isEqualTo(TAKASAGO);
            assertThat(s.position()).isEqualTo(new GeoPoint(34.752, 134.84));
            assertThat(s.accuracyMetres()).isEqualTo(8.0);
            assertThat(s.first()).isEqualTo(T0);
            assertThat(s.last()).isEqualTo(T0.plusSeconds(2));
            assertThat(s.detections()).isEqualTo(3);
        });
    }

    @Test
    void withEqualAccuracyTheStrongerSignalWinsAndUnknownAccuracyLoses() {
        folder.add(List.of(
                heard("kid", "cam-1", 0, Double.NaN, -40, 34.70),
                heard("kid", "cam-2", 0, 50, -85, 34.71),
                heard("kid", "cam-3", 0, 50, -65, 34.72)));
        clock.advance(Duration.ofSeconds(11));
        folder.flush();

        assertThat(told).singleElement().extracting(TagSighting::position).isEqualTo(new GeoPoint(34.72, 134.84));
    }

    @Test
    void aDetectionAfterTheWindowOpensASecondSightingAndTagsAreKeptApart() {
        folder.add(List.of(heard("kid", "cam-1", 0, 50, -70, 34.75), heard("other", "cam-1", 0, 50, -70, 34.75)));
        clock.advance(Duration.ofSeconds(11));
        folder.flush();
        folder.add(List.of(heard("kid", "cam-4", 20, 50, -70, 34.76)));
        clock.advance(Duration.ofSeconds(11));
        folder.flush();

        assertThat(told).extracting(s -> s.tag().value()).containsExactlyInAnyOrder("kid", "other", "kid");
        assertThat(told.get(2).position()).isEqualTo(new GeoPoint(34.76, 134.84));
        assertThat(told.get(0).toString()).doesNotContain("kid");
    }

    private static Detection heard(String tag, String gateway, int second, double accuracy, int rssi, double lat) {
        return new Detection(
                new TagId(tag),
                TAKASAGO,
                DeviceId.of(gateway),
                KAKOGAWA,
                T0.plusSeconds(second),
                new GeoPoint(lat, 134.84),
                accuracy,
                rssi);
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
