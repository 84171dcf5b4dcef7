package org.kawamori.core;

import java.util.Objects;

/**
 * A registered flood sensor. Flood data is public within the basin, so everything here may be shown
 * on the public map. {@code experimental} marks sensors whose data the public map must label as such.
 */
public record Sensor(
        DeviceId id,
        MunicipalityCode municipality,
        SensorKind kind,
        String name,
        GeoPoint location,
        boolean experimental,
        boolean enabled) {

    public Sensor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("sensor name must be 1..200 characters");
        }
    }

    public Sensor disabled() {
        return new Sensor(id, municipality, kind, name, location, experimental, false);
    }
}
