package org.kawamori.core;

import java.time.Instant;
import java.util.Objects;

/**
 * "Tag T was heard by gateway G at time t". Personal data: it belongs to the tag's municipality and
 * family only, even when the gateway belongs to another municipality.
 */
public record Detection(
        TagId tag,
        MunicipalityCode tagMunicipality,
        DeviceId gateway,
        MunicipalityCode gatewayMunicipality,
        Instant time,
        GeoPoint position,
        double accuracyMetres,
        int rssi) {

    public Detection {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(tagMunicipality, "tagMunicipality");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(gatewayMunicipality, "gatewayMunicipality");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(position, "position");
        if (rssi > 20 || rssi < -127) {
            throw new IllegalArgumentException("rssi out of range: " + rssi);
        }
    }

    @Override
    public String toString() {
        return "Detection[redacted]";
    }
}
