package org.kawamori.timeseries;

import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.port.GatewayRegistry;

/** {@link GatewayRegistry} lookups from a {@link RegistryCache}. */
public final class CachedGatewayRegistry implements GatewayRegistry {

    /** Gateways kept in memory at most (Kakogawa alone has some 1,400 cameras and many phones). */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final GatewayRegistry database;
    private final RegistryCache<DeviceId, Optional<Gateway>> cache;

    public CachedGatewayRegistry(GatewayRegistry database, RegistryChanges changes) {
        this.database = Objects.requireNonNull(database, "database");
        this.cache = changes.cache("gateway", DEFAULT_MAX_ENTRIES);
    }

    @Override
    public Optional<Gateway> findGateway(DeviceId id) {
        Objects.requireNonNull(id, "id");
        return cache.get(id, database::findGateway);
    }
}
