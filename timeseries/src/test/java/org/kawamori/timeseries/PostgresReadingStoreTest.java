package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorState;
import org.kawamori.core.port.StoreRefusedException;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresReadingStoreTest extends OnBothServers {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");

    private PostgresSensorRegistry registry;
    private PostgresReadingStore store;

    @BeforeEach
    void newStore() {
        registry = new PostgresSensorRegistry(db.dataSource(), 1_000);
        store = new PostgresReadingStore(db.dataSource());
        registry.register(givenSensor("kunikane").gauge().build(), Optional.empty());
    }

    @Test
    void appendedReadingsAreReadBackOldestFirst() {
        List<Reading> readings =
                List.of(level("kunikane", 20, 1.30), level("kunikane", 0, 1.10), level("kunikane", 10, 1.20));

        assertThat(store.append(readings)).isEqualTo(3);

        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(3600), 100))
                .containsExactly(level("kunikane", 0, 1.10), level("kunikane", 10, 1.20), level("kunikane", 20, 1.30));
    }

    @Test
    void aRedeliveredReadingIsStoredOnce() {
        List<Reading> message = List.of(level("kunikane", 0, 1.10), battery("kunikane", 0, 87));

        assertThat(store.append(message)).isEqualTo(2);
        assertThat(store.append(message)).isZero();

        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(60), 100))
                .hasSize(2);
    }

    @Test
    void aRedeliveryWithAnotherValueKeepsTheFirstValue() {
        store.append(List.of(level("kunikane", 0, 1.10)));

        assertThat(store.append(List.of(level("kunikane", 0, 9.99)))).isZero();

        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(60), 100))
                .containsExactly(level("kunikane", 0, 1.10));
    }

    @Test
    void aDuplicateInsideOneBatchIsStoredOnceAndCountedOnce() {
        assertThat(store.append(List.of(level("kunikane", 0, 1.10), level("kunikane", 0, 1.10))))
                .isEqualTo(1);
    }

    @Test
    void aBatchThatPartlyOverlapsCountsOnlyTheNewReadings() {
        store.append(List.of(level("kunikane", 0, 1.10), level("kunikane", 10, 1.20)));

        assertThat(store.append(List.of(level("kunikane", 10, 1.20), level("kunikane", 20, 1.30))))
                .isEqualTo(1);
    }

    @Test
    void anEmptyBatchStoresNothing() {
        assertThat(store.append(List.of())).isZero();
    }

    @Test
    void aBatchWithAReadingOfAnUnregisteredDeviceStoresNothing() {
        List<Reading> batch = List.of(level("kunikane", 0, 1.10), level("ghost", 0, 2.0));

        assertThatThrownBy(() -> store.append(batch)).isInstanceOf(StoreRefusedException.class);

        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(60), 100))
                .isEmpty();
    }

    @Test
    void timesKeepTheirMicroseconds() {
        Instant precise = Instant.parse("2026-07-01T00:00:00.123456Z");
        Reading reading = new Reading(DeviceId.of("kunikane"), KAKOGAWA, precise, Quantity.WATER_LEVEL, 1.0);
        store.append(List.of(reading));

        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(1), 10))
                .singleElement()
                .extracting(Reading::time)
                .isEqualTo(precise);
    }

    @Test
    void theRangeIncludesItsStartAndExcludesItsEnd() {
        store.append(List.of(
                level("kunikane", 0, 1.0),
                level("kunikane", 10, 1.1),
                level("kunikane", 20, 1.2),
                level("kunikane", 30, 1.3)));

        assertThat(store.readings(DeviceId.of("kunikane"), T0.plusSeconds(10), T0.plusSeconds(30), 100))
                .extracting(Reading::value)
                .containsExactly(1.1, 1.2);
    }

    @Test
    void theLimitKeepsTheOldestReadings() {
        store.append(List.of(level("kunikane", 0, 1.0), level("kunikane", 10, 1.1), level("kunikane", 20, 1.2)));

        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(60), 2))
                .extracting(Reading::value)
                .containsExactly(1.0, 1.1);
        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(60), 0))
                .isEmpty();
    }

    @Test
    void readingsHoldAllQuantitiesOfOnlyThatSensor() {
        registry.register(givenSensor("other").build(), Optional.empty());
        store.append(List.of(level("kunikane", 0, 1.0), battery("kunikane", 0, 90), level("other", 0, 5.0)));

        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(60), 100))
                .extracting(Reading::quantity)
                .containsExactlyInAnyOrder(Quantity.WATER_LEVEL, Quantity.BATTERY);
    }

    @Test
    void anEmptyOrInvertedRangeFindsNothing() {
        store.append(List.of(level("kunikane", 0, 1.0)));

        assertThat(store.readings(DeviceId.of("kunikane"), T0, T0, 100)).isEmpty();
        assertThat(store.readings(DeviceId.of("kunikane"), T0.plusSeconds(1), T0, 100))
                .isEmpty();
    }

    @Test
    void theWidestRangeFindsEverything() {
        store.append(List.of(level("kunikane", 0, 1.0)));

        assertThat(store.readings(DeviceId.of("kunikane"), Instant.MIN, Instant.MAX, 100))
                .hasSize(1);
        assertThat(store.readings(DeviceId.of("kunikane"), Instant.EPOCH, Instant.MAX, 100))
                .hasSize(1);
    }

    @Test
    void aSensorWithoutReadingsHasNoLatestState() {
        assertThat(store.latestStates()).singleElement().satisfies(state -> {
            assertThat(state.sensor().id()).isEqualTo(DeviceId.of("kunikane"));
            assertThat(state.latest()).isEmpty();
        });
    }

    @Test
    void theLatestStateIsTheNewestLevel() {
        store.append(List.of(level("kunikane", 0, 1.0), level("kunikane", 20, 1.2), level("kunikane", 10, 1.1)));

        assertThat(store.latestStates())
                .singleElement()
                .extracting(SensorState::latest)
                .isEqualTo(Optional.of(level("kunikane", 20, 1.2)));
    }

    @Test
    void aNewerBatteryReadingDoesNotShadowTheLevel() {
        store.append(List.of(level("kunikane", 0, 1.0), battery("kunikane", 60, 80)));

        assertThat(store.latestStates())
                .singleElement()
                .extracting(SensorState::latest)
                .isEqualTo(Optional.of(level("kunikane", 0, 1.0)));
    }

    @Test
    void aSensorWithOnlyBatteryReadingsHasNoLatestState() {
        store.append(List.of(battery("kunikane", 0, 80)));

        assertThat(store.latestStates())
                .singleElement()
                .extracting(SensorState::latest)
                .isEqualTo(Optional.empty());
    }

    @Test
    void anInundationSensorShowsItsDepth() {
        registry.register(givenSensor("underpass").inundationSensor().build(), Optional.empty());
        Reading depth = new Reading(DeviceId.of("underpass"), KAKOGAWA, T0, Quantity.INUNDATION_DEPTH, 0.2);
        store.append(List.of(depth, battery("underpass", 30, 99), level("kunikane", 0, 1.0)));

        assertThat(store.latestStates())
                .filteredOn(s -> s.sensor().id().value().equals("underpass"))
                .singleElement()
                .extracting(SensorState::latest)
                .isEqualTo(Optional.of(depth));
    }

    @Test
    void latestStatesListsEverySensorOnceWithItsOwnLatestReading() {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String id = String.format("gauge-%03d", i);
            registry.register(givenSensor(id).build(), Optional.empty());
            if (i % 3 != 0) {
                for (int step = 0; step < 5; step++) {
                    readings.add(level(id, step * 600, i + step / 10.0));
                    readings.add(battery(id, step * 600 + 1, 100 - step));
                }
            }
        }
        store.append(readings);

        List<SensorState> states = store.latestStates();

        assertThat(states).hasSize(151);
        assertThat(states).extracting(s -> s.sensor().id().value()).isSorted().doesNotHaveDuplicates();
        Map<String, SensorState> byId =
                states.stream().collect(Collectors.toMap(s -> s.sensor().id().value(), Function.identity()));
        for (int i = 0; i < 150; i++) {
            String id = String.format("gauge-%03d", i);
            Optional<Reading> expected = i % 3 == 0 ? Optional.empty() : Optional.of(level(id, 2400, i + 0.4));
            assertThat(byId.get(id).latest()).as(id).isEqualTo(expected);
        }
    }

    @Test
    void latestStatesIncludeDisabledSensors() {
        registry.register(givenSensor("retired").disabled().build(), Optional.empty());

        assertThat(store.latestStates())
                .extracting(s -> s.sensor().id().value(), s -> s.sensor().enabled())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kunikane", true),
                        org.assertj.core.groups.Tuple.tuple("retired", false));
    }

    @Test
    void theLatestStateCarriesTheSensorAsRegistered() {
        Sensor sensor = givenSensor("kunikane")
                .at(34.8, 134.9)
                .named("国包")
                .experimental()
                .build();
        registry.register(sensor, Optional.empty());

        assertThat(store.latestStates())
                .singleElement()
                .extracting(SensorState::sensor)
                .isEqualTo(sensor);
    }

    private static Reading level(String device, int secondsAfterT0, double metres) {
        return new Reading(DeviceId.of(device), KAKOGAWA, T0.plusSeconds(secondsAfterT0), Quantity.WATER_LEVEL, metres);
    }

    private static Reading battery(String device, int secondsAfterT0, double percent) {
        return new Reading(DeviceId.of(device), KAKOGAWA, T0.plusSeconds(secondsAfterT0), Quantity.BATTERY, percent);
    }
}
