package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.timeseries.fixtures.OnBothServers;

class DetectionStoreTest extends OnBothServers {

    private static final Instant T0 = Instant.parse("2026-07-01T07:30:00Z");
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");

    private TagRegistry tags;
    private DetectionStore store;

    @BeforeEach
    void newStore() {
        tags = new TagRegistry(db.dataSource());
        store = new DetectionStore(db.dataSource());
        tags.register(new TagId("tag-a1"), KAKOGAWA, "はなこ", true);
        tags.register(new TagId("tag-a2"), KAKOGAWA, null, true);
        tags.register(new TagId("tag-b1"), TAKASAGO, null, true);
    }

    @Test
    void appendedDetectionsAreReadBackAsTheyWere() {
        Detection detection = new Detection(
                new TagId("tag-a1"),
                KAKOGAWA,
                DeviceId.of("cam-0001"),
                KAKOGAWA,
                Instant.parse("2026-07-01T07:30:00.123456Z"),
                new GeoPoint(34.7566, 134.8414),
                12.5,
                -71);

        assertThat(store.append(List.of(detection))).isEqualTo(1);

        assertThat(store.trail(new TagId("tag-a1"), T0, T0.plusSeconds(1), 10))
                .singleElement()
                .usingRecursiveComparison()
                .isEqualTo(detection);
    }

    @Test
    void aRedeliveredDetectionIsStoredOnce() {
        List<Detection> batch = List.of(heard("tag-a1", "cam-0001", 0), heard("tag-a1", "cam-0002", 0));

        assertThat(store.append(batch)).isEqualTo(2);
        assertThat(store.append(batch)).isZero();
        assertThat(store.append(List.of(batch.get(0), batch.get(0)))).isZero();

        assertThat(store.trail(new TagId("tag-a1"), T0, T0.plusSeconds(60), 100))
                .hasSize(2);
    }

    @Test
    void oneTagHeardByManyGatewaysAtOnceIsOneRowPerGateway() {
        List<Detection> batch = new ArrayList<>();
        for (int g = 0; g < 5; g++) {
            batch.add(heard("tag-a1", "cam-000" + g, 0));
        }

        assertThat(store.append(batch)).isEqualTo(5);
    }

    @Test
    void theTrailIncludesItsStartExcludesItsEndAndIsOldestFirst() {
        store.append(List.of(
                heard("tag-a1", "cam-0001", 30),
                heard("tag-a1", "cam-0002", 10),
                heard("tag-a1", "cam-0001", 20),
                heard("tag-a1", "cam-0003", 0),
                heard("tag-a2", "cam-0001", 15)));

        assertThat(store.trail(new TagId("tag-a1"), T0.plusSeconds(10), T0.plusSeconds(30), 100))
                .extracting(Detection::time)
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20));
    }

    @Test
    void theTrailLimitKeepsTheOldestAndTiesAreOrderedByGateway() {
        store.append(List.of(
                heard("tag-a1", "cam-0009", 0), heard("tag-a1", "cam-0001", 0), heard("tag-a1", "cam-0005", 60)));

        assertThat(store.trail(new TagId("tag-a1"), T0, T0.plusSeconds(3600), 2))
                .extracting(d -> d.gateway().value())
                .containsExactly("cam-0001", "cam-0009");
        assertThat(store.trail(new TagId("tag-a1"), T0, T0.plusSeconds(3600), 0))
                .isEmpty();
        assertThat(store.trail(new TagId("tag-a1"), T0.plusSeconds(1), T0, 10)).isEmpty();
    }

    @Test
    void latestPerTagGivesTheNewestDetectionOfEachTagOfTheMunicipality() {
        store.append(List.of(
                heard("tag-a1", "cam-0001", 0),
                heard("tag-a1", "cam-0002", 300),
                heard("tag-a1", "cam-0003", 120),
                heard("tag-a2", "cam-0004", 60)));

        assertThat(store.latestPerTag(KAKOGAWA))
                .extracting(d -> d.tag().value(), d -> d.gateway().value(), Detection::time)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tag-a1", "cam-0002", T0.plusSeconds(300)),
                        org.assertj.core.groups.Tuple.tuple("tag-a2", "cam-0004", T0.plusSeconds(60)));
    }

    @Test
    void aTagOfAnotherMunicipalityHeardByOurGatewayIsStoredForItsOwnMunicipalityOnly() {
        Detection crossBorder = new Detection(
                new TagId("tag-b1"),
                TAKASAGO,
                DeviceId.of("cam-0001"),
                KAKOGAWA,
                T0,
                new GeoPoint(34.76, 134.84),
                30,
                -80);

        store.append(List.of(crossBorder, heard("tag-a1", "cam-0001", 0)));

        assertThat(store.latestPerTag(KAKOGAWA))
                .extracting(d -> d.tag().value())
                .containsExactly("tag-a1");
        assertThat(store.latestPerTag(TAKASAGO)).singleElement().satisfies(d -> {
            assertThat(d.tag().value()).isEqualTo("tag-b1");
            assertThat(d.tagMunicipality()).isEqualTo(TAKASAGO);
            assertThat(d.gatewayMunicipality()).isEqualTo(KAKOGAWA);
        });
    }

    @Test
    void aDetectionThatClaimsTheWrongMunicipalityForATagIsNeverShownToEither() {
        Detection mislabelled = new Detection(
                new TagId("tag-b1"),
                KAKOGAWA,
                DeviceId.of("cam-0001"),
                KAKOGAWA,
                T0,
                new GeoPoint(34.76, 134.84),
                30,
                -80);

        store.append(List.of(mislabelled));

        assertThat(store.latestPerTag(KAKOGAWA)).isEmpty();
        assertThat(store.latestPerTag(TAKASAGO)).isEmpty();
    }

    @Test
    void disabledTagsAndTagsNeverHeardAreLeftOut() {
        tags.register(new TagId("tag-a2"), KAKOGAWA, null, false);
        store.append(List.of(heard("tag-a2", "cam-0001", 0)));

        assertThat(store.latestPerTag(KAKOGAWA)).isEmpty();
    }

    @Test
    void aTagIsRegisteredForOneMunicipality() {
        assertThat(tags.municipalityOf(new TagId("tag-b1"))).contains(TAKASAGO);
        assertThat(tags.municipalityOf(new TagId("unknown"))).isEmpty();
        assertThatThrownBy(() -> tags.register(new TagId("tag-x"), MunicipalityCode.of("131016"), null, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedBatchNamesItsConstraintButNoTag() throws Exception {
        try (java.sql.Connection c = db.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("alter table detection add constraint no_weak_signals check (rssi > -80)");
        }
        try {
            assertThatThrownBy(() -> store.append(List.of(heard("secret-tag-9", "cam-0001", 0), weak("secret-tag-9"))))
                    .isInstanceOf(org.kawamori.core.port.StoreRefusedException.class)
                    .satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain("secret-tag-9");
                        }
                    })
                    .hasMessageContaining("no_weak_signals");
        } finally {
            try (java.sql.Connection c = db.dataSource().getConnection();
                    java.sql.Statement s = c.createStatement()) {
                s.execute("alter table detection drop constraint no_weak_signals");
            }
        }
        assertThat(store.trail(new TagId("secret-tag-9"), T0, T0.plusSeconds(60), 10))
                .isEmpty();
    }

    @Test
    void anEmptyBatchStoresNothing() {
        assertThat(store.append(List.of())).isZero();
    }

    private static Detection weak(String tag) {
        return new Detection(
                new TagId(tag),
                KAKOGAWA,
                DeviceId.of("cam-0002"),
                KAKOGAWA,
                T0,
                new GeoPoint(34.7566, 134.8414),
                25,
                -90);
    }

    private static Detection heard(String tag, String gateway, int secondsAfterT0) {
        return new Detection(
                new TagId(tag),
                KAKOGAWA,
                DeviceId.of(gateway),
                KAKOGAWA,
                T0.plusSeconds(secondsAfterT0),
                new GeoPoint(34.7566, 134.8414),
                25,
                -75);
    }
}
