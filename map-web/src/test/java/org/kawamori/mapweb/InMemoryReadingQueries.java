package org.kawamori.mapweb;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorState;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;

/** Readings held in memory, answering like the real store: {@code from <= time < to}, oldest first. */
final class InMemoryReadingQueries implements ReadingQueries {

    private final SensorRegistry registry;
    private final List<Reading> readings = new CopyOnWriteArrayList<>();

    InMemoryReadingQueries(SensorRegistry registry) {
        this.registry = registry;
    }

    InMemoryReadingQueries with(Reading... more) {
        readings.addAll(List.of(more));
        return this;
    }

    @Override
    public List<SensorState> latestStates() {
        return registry.sensors().stream()
                .map(s -> new SensorState(s, latestOf(s)))
                .toList();
    }

    private java.util.Optional<Reading> latestOf(Sensor sensor) {
        return readings.stream()
                .filter(r -> r.device().equals(sensor.id()))
                .filter(r -> r.quantity() == sensor.kind().primaryQuantity())
                .max(Comparator.comparing(Reading::time));
    }

    @Override
    public List<Reading> readings(DeviceId device, Instant from, Instant to, int limit) {
        return readings.stream()
                .filter(r -> r.device().equals(device))
                .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to))
                .sorted(Comparator.comparing(Reading::time))
                .limit(limit)
                .toList();
    }
}
