package org.kawamori.mapweb.ngsi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.Municipalities;
import org.kawamori.core.Municipalities.Municipality;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;

/**
 * The attributes every entity of one sensor carries, from the registry as the public map shows it:
 * {@code name}, {@code location} (GeoJSON Point), {@code address} (country, prefecture, municipality),
 * and the two Kawamori attributes the Smart Data Models have no term for: {@code municipality} (the
 * 6-digit local government code) and {@code experimental}. An experimental sensor also says so in
 * {@code description}, in the public map's words.
 */
final class Place {

    /** The public map's note on an experimental sensor ({@code experimentalLong}, both languages). */
    static final String EXPERIMENTAL_NOTE =
            "試験運用中のセンサです。値は参考値です。 / Experimental sensor: values are for reference only.";

    private static final String HYOGO_PREFIX = "28";

    private Place() {}

    static void put(ObjectNode entity, Sensor sensor) {
        entity.put("name", sensor.name());
        entity.set("location", point(sensor.location()));
        entity.set("address", address(sensor.municipality()));
        entity.put("municipality", sensor.municipality().value());
        entity.put("experimental", sensor.experimental());
        if (sensor.experimental()) {
            entity.put("description", EXPERIMENTAL_NOTE);
        }
    }

    static ObjectNode point(GeoPoint point) {
        ObjectNode geometry = JsonNodeFactory.instance.objectNode();
        geometry.put("type", "Point");
        geometry.putArray("coordinates").add(point.longitude()).add(point.latitude());
        return geometry;
    }

    static ObjectNode address(MunicipalityCode code) {
        ObjectNode address = JsonNodeFactory.instance.objectNode();
        address.put("addressCountry", "JP");
        if (code.value().startsWith(HYOGO_PREFIX)) {
            address.put("addressRegion", "兵庫県");
        }
        Optional<Municipality> municipality = Municipalities.find(code);
        municipality.ifPresent(m -> address.put("addressLocality", m.nameJa()));
        return address;
    }
}
