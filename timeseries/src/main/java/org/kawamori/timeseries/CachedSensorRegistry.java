package org.kawamori.timeseries;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.SensorRegistry;

/** {@link SensorRegistry} lookups by id from a {@link RegistryCache}; listings from the database. */
public final class CachedSensorRegistry implements SensorRegistry {

    /** Sensors kept in memory at most (a basin has a few thousand). */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final SensorRegistry database;
    private final RegistryCache<DeviceId, Optional<Sensor>> cache;

    public CachedSensorRegistry(SensorRegistry database, RegistryChanges changes) {
        this.database = Objects.requireNonNull(database, "database");
        this.cache = changes.cache("device", DEFAULT_MAX_ENTRIES);
    }

    @Override
    public Optional<Sensor> findSensor(DeviceId id) {
        Objects.requireNonNull(id, "id");
        return cache.get(id, database::findSensor);
    }

    @Override
    public List<Sensor> sensors() {
        return database.sensors();
    }

    RegistryCache<DeviceId, Optional<Sensor>> cache() {
        return cache;
    }
}
