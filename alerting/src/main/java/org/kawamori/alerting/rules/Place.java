package org.kawamori.alerting.rules;

import java.util.Objects;
import org.kawamori.core.Gateway;
import org.kawamori.core.GeoPoint;

/**
 * A place a family chose (a school gate, a station): a circle. A sighting carries the folded
 * position, not the gateways that heard it, so "heard by gateway G" is the circle of G's registered
 * position with the BLE range as radius ({@link #ofGateway}).
 */
public record Place(String id, String name, GeoPoint center, double radiusMetres) {

    public static final Setting<Double> GATEWAY_RADIUS = Setting.decimal("gate-pass.gateway-radius-m", 50);

    public Place {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(center, "center");
        if (!(radiusMetres > 0)) {
            throw new IllegalArgumentException("a place needs a positive radius");
        }
    }

    /** The place where a fixed gateway hears, named by the family. */
    public static Place ofGateway(Gateway gateway, String name, Settings settings) {
        GeoPoint position = gateway.position()
                .orElseThrow(
                        () -> new IllegalArgumentException("only a gateway with a registered position names a place"));
        return new Place(
                "gateway:" + gateway.id().value(),
                name,
                position,
                settings.forMunicipality(gateway.municipality()).get(GATEWAY_RADIUS));
    }

    public boolean contains(GeoPoint point) {
        return Geo.metresBetween(center, point) <= radiusMetres;
    }
}
