package org.kawamori.mapweb.ngsi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorState;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.StationStages;

/**
 * The entities of the view, read from the ports (they may block: call on a worker) as keyValues: the
 * sensors' through {@link PublicState}, the alerts through {@link PublicAlerts}.
 */
final class PublicEntities {

    private final SensorRegistry registry;
    private final ReadingQueries readings;
    private final StationStages stages;
    private final AlertQueries alerts;
    private final PublicAlerts visible;

    PublicEntities(
            SensorRegistry registry,
            ReadingQueries readings,
            StationStages stages,
            AlertQueries alerts,
            PublicAlerts visible) {
        this.registry = registry;
        this.readings = readings;
        this.stages = stages;
        this.alerts = alerts;
        this.visible = visible;
    }

    /** Every entity of these types, in order, each built only when its page is shown. */
    List<Supplier<ObjectNode>> matching(List<EntityType> types) {
        boolean sensorTypes = types.stream().anyMatch(t -> t != EntityType.ALERT);
        boolean withAlerts = types.contains(EntityType.FLOOD_MONITORING) || types.contains(EntityType.DEVICE);
        PublicState state = sensorTypes ? PublicState.read(readings, alerts, visible, stages, withAlerts) : null;
        List<Supplier<ObjectNode>> all = new ArrayList<>();
        for (EntityType type : types) {
            switch (type) {
                case WATER_OBSERVED ->
                    state.sensors().stream()
                            .map(SensorEntities::waterObserved)
                            .flatMap(Optional::stream)
                            .forEach(e -> all.add(() -> e));
                case FLOOD_MONITORING -> state.sensors().forEach(s -> all.add(() -> floodMonitoring(state, s)));
                case DEVICE ->
                    state.sensors().forEach(s -> all.add(() -> SensorEntities.device(s, state.floodState(s))));
                case ALERT -> {
                    Map<String, Optional<Sensor>> stations = new HashMap<>();
                    for (AlertRecord a : PublicState.activePublic(alerts, visible)) {
                        all.add(() -> AlertEntity.of(a, station(a, stations), visible));
                    }
                }
            }
        }
        return all;
    }

    /** The entity with this id, if the public may see it. */
    Optional<ObjectNode> find(EntityType.Id id) {
        if (id.type() == EntityType.ALERT) {
            return alertId(id.local())
                    .flatMap(alerts::find)
                    .filter(visible.shown())
                    .map(a -> AlertEntity.of(a, station(a, new HashMap<>()), visible));
        }
        if (!DeviceId.isValid(id.local())) {
            return Optional.empty();
        }
        boolean withAlerts = id.type() != EntityType.WATER_OBSERVED;
        PublicState state = PublicState.read(readings, alerts, visible, stages, withAlerts);
        Optional<SensorState> sensor = state.sensors().stream()
                .filter(s -> s.sensor().id().value().equals(id.local()))
                .findFirst();
        return sensor.flatMap(s -> switch (id.type()) {
            case WATER_OBSERVED -> SensorEntities.waterObserved(s);
            case FLOOD_MONITORING -> Optional.of(floodMonitoring(state, s));
            default -> Optional.of(SensorEntities.device(s, state.floodState(s)));
        });
    }

    private static ObjectNode floodMonitoring(PublicState state, SensorState s) {
        return SensorEntities.floodMonitoring(s, state.floodState(s), state.thresholdsOf(s.sensor()));
    }

    private static Optional<Long> alertId(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    /** The registered sensor an alert names in its {@code station} fact (memoised per request). */
    private Optional<Sensor> station(AlertRecord alert, Map<String, Optional<Sensor>> memo) {
        String station = alert.detail().get("station");
        if (station == null || !DeviceId.isValid(station)) {
            return Optional.empty();
        }
        return memo.computeIfAbsent(station, s -> registry.findSensor(DeviceId.of(s)));
    }
}
