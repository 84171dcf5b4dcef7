package org.kawamori.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A registered BLE gateway. It belongs to one municipality, but hears tags of any: a detection is
 * stored for the tag's municipality only.
 *
 * @param position where a fixed gateway hears (required for {@link GatewayKind#FIXED}); moving
 *     gateways report positions with their batches
 */
public record Gateway(
        DeviceId id, MunicipalityCode municipality, GatewayKind kind, Optional<GeoPoint> position, boolean enabled) {

    public Gateway {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
        if (kind == GatewayKind.FIXED && position.isEmpty()) {
            throw new IllegalArgumentException("a fixed gateway needs a registered position");
        }
    }
}
