package org.kawamori.mapweb.ngsi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.NavigableMap;
import java.util.Optional;
import org.kawamori.core.Reading;
import org.kawamori.core.SensorKind;
import org.kawamori.core.SensorState;

/**
 * A sensor as Smart Data Models entities, in keyValues form (see the module README for the mapping):
 *
 * <ul>
 *   <li>a river gauge with a reading: {@code WaterObserved} (its latest level);
 *   <li>every sensor: {@code FloodMonitoring} (latest level or depth, flood state, the gauge's warning and
 *       danger levels) and {@code Device} (what it measures, when it last reported, 欠測 or ok).
 * </ul>
 *
 * An inundation sensor is no {@code WaterObserved}: that model observes a body of water (river, lake,
 * sea), while an inundation sensor measures the flood on a road, which is what {@code FloodMonitoring}
 * describes.
 */
final class SensorEntities {

    /** Stage 2 (氾濫注意水位) is the warning level, stage 4 (氾濫危険水位) the danger level. */
    static final int ALERT_STAGE = 2;

    static final int DANGER_STAGE = 4;

    private SensorEntities() {}

    /**
     * The gauge's latest observation; empty for an inundation sensor and for a gauge that never reported.
     * A level below the gauge datum (negative) is left out of {@code waterLevel} (the schema's minimum is
     * 0); {@code FloodMonitoring.currentLevel} carries it.
     */
    static Optional<ObjectNode> waterObserved(SensorState state) {
        if (state.sensor().kind() != SensorKind.RIVER_GAUGE || state.latest().isEmpty()) {
            return Optional.empty();
        }
        Reading latest = state.latest().get();
        String id = state.sensor().id().value();
        ObjectNode e = entity(EntityType.WATER_OBSERVED, id);
        e.put("dateObserved", latest.time().toString());
        if (latest.value() >= 0) {
            e.put("waterLevel", latest.value());
        }
        e.put("refDevice", EntityType.DEVICE.urn(id));
        Place.put(e, state.sensor());
        return Optional.of(e);
    }

    static ObjectNode floodMonitoring(SensorState state, FloodState flood, NavigableMap<Integer, Double> thresholds) {
        String id = state.sensor().id().value();
        ObjectNode e = entity(EntityType.FLOOD_MONITORING, id);
        e.put("stationID", id);
        state.latest().ifPresent(latest -> {
            e.put("currentLevel", latest.value());
            e.put("observationDateTime", latest.time().toString());
        });
        e.put("floodLevelStatus", flood.code());
        if (state.sensor().kind() == SensorKind.RIVER_GAUGE) {
            Optional.ofNullable(thresholds.get(ALERT_STAGE)).ifPresent(m -> e.put("alertLevel", m));
            Optional.ofNullable(thresholds.get(DANGER_STAGE)).ifPresent(m -> e.put("dangerLevel", m));
        }
        Place.put(e, state.sensor());
        return e;
    }

    static ObjectNode device(SensorState state, FloodState flood) {
        ObjectNode e = entity(EntityType.DEVICE, state.sensor().id().value());
        e.putArray("deviceCategory").add("sensor");
        e.putArray("controlledProperty").add(state.sensor().kind() == SensorKind.RIVER_GAUGE ? "waterLevel" : "depth");
        state.latest()
                .ifPresent(
                        latest -> e.put("dateLastValueReported", latest.time().toString()));
        e.put("deviceState", flood == FloodState.MISSING ? "missing" : "ok");
        Place.put(e, state.sensor());
        return e;
    }

    static ObjectNode entity(EntityType type, String localId) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("id", type.urn(localId));
        e.put("type", type.term());
        return e;
    }
}
