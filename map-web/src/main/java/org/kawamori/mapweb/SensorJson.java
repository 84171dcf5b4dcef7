package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Municipalities;
import org.kawamori.core.Municipalities.Municipality;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorState;
import org.kawamori.core.port.StationStages;

/** The JSON and GeoJSON shapes of the public API. Times are ISO-8601 UTC. */
final class SensorJson {

    static final String GEO_JSON = "application/geo+json";

    /** Stable order for the map: by municipality code, then by id. */
    static final Comparator<SensorState> ORDER = Comparator.comparing(
                    (SensorState s) -> s.sensor().municipality().value())
            .thenComparing(s -> s.sensor().id().value());

    private SensorJson() {}

    static ObjectNode featureCollection(List<SensorState> states) {
        return featureCollection(states, StationStages.NONE);
    }

    /** The enabled sensors, each with its stage thresholds (a {@code stages} member) where it has any. */
    static ObjectNode featureCollection(List<SensorState> states, StationStages stages) {
        ObjectNode collection = Json.MAPPER.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        states.stream().filter(s -> s.sensor().enabled()).sorted(ORDER).forEach(s -> {
            ObjectNode feature = feature(s.sensor(), s.latest());
            NavigableMap<Integer, Double> thresholds = stages.thresholds(s.sensor());
            if (!thresholds.isEmpty()) {
                ObjectNode stageLevels = ((ObjectNode) feature.get("properties")).putObject("stages");
                thresholds.forEach((stage, metres) -> stageLevels.put(Integer.toString(stage), metres));
            }
            features.add(feature);
        });
        return collection;
    }

    /** {@code GET /api/v1/sensors/{id}/stages}: the gauge's thresholds, ascending by stage. */
    static ObjectNode stages(Sensor sensor, NavigableMap<Integer, Double> thresholds) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sensor", sensor.id().value());
        ArrayNode rows = body.putArray("thresholds");
        thresholds.forEach(
                (stage, metres) -> rows.addObject().put("stage", stage).put("levelM", metres));
        return body;
    }

    /** One sensor as a GeoJSON Feature; {@code latest} is its latest reading of the primary quantity. */
    static ObjectNode feature(Sensor sensor, Optional<Reading> latest) {
        ObjectNode feature = Json.MAPPER.createObjectNode();
        feature.put("type", "Feature");
        feature.put("id", sensor.id().value());
        ObjectNode geometry = feature.putObject("geometry");
        geometry.put("type", "Point");
        geometry.putArray("coordinates")
                .add(sensor.location().longitude())
                .add(sensor.location().latitude());
        ObjectNode props = feature.putObject("properties");
        props.put("id", sensor.id().value());
        props.put("municipality", sensor.municipality().value());
        Optional<Municipality> municipality = Municipalities.find(sensor.municipality());
        props.put("municipalityName", municipality.map(Municipality::nameJa).orElse(null));
        props.put("municipalityNameEn", municipality.map(Municipality::nameEn).orElse(null));
        props.put("kind", sensor.kind().name());
        props.put("name", sensor.name());
        props.put("experimental", sensor.experimental());
        if (latest.isPresent()) {
            Reading r = latest.get();
            ObjectNode l = props.putObject("latest");
            l.put("time", r.time().toString());
            l.put("value", r.value());
            l.put("unit", r.unit());
            l.put("quantity", r.quantity().senmlName());
        } else {
            props.putNull("latest");
        }
        return feature;
    }

    static ObjectNode readings(DeviceId sensor, Instant from, Instant to, List<Reading> readings) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sensor", sensor.value());
        body.put("from", from.toString());
        body.put("to", to.toString());
        ArrayNode rows = body.putArray("readings");
        for (Reading r : readings) {
            ObjectNode row = rows.addObject();
            row.put("time", r.time().toString());
            row.put("quantity", r.quantity().senmlName());
            row.put("value", r.value());
            row.put("unit", r.unit());
        }
        return body;
    }
}
