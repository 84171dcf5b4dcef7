package org.kawamori.mapweb.ngsi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorState;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.StationStages;

/**
 * What the public map shows of the sensors at one moment, read once per request (on a worker: the ports
 * may block): the enabled sensors with their latest primary reading, in the map's order (municipality
 * code, then id), and the active alerts the public sees, by the station they name.
 */
record PublicState(List<SensorState> sensors, Map<String, List<AlertRecord>> alertsByStation, StationStages stages) {

    static final Comparator<SensorState> ORDER = Comparator.comparing(
                    (SensorState s) -> s.sensor().municipality().value())
            .thenComparing(s -> s.sensor().id().value());

    /**
     * @param withAlerts whether the entities asked for need the alerts (the flood state and device state
     *     do; the water observations do not)
     */
    static PublicState read(
            ReadingQueries readings,
            AlertQueries alerts,
            PublicAlerts visible,
            StationStages stages,
            boolean withAlerts) {
        List<SensorState> enabled = readings.latestStates().stream()
                .filter(s -> s.sensor().enabled())
                .sorted(ORDER)
                .toList();
        Map<String, List<AlertRecord>> byStation = new HashMap<>();
        if (withAlerts) {
            for (AlertRecord a : activePublic(alerts, visible)) {
                String station = a.detail().get("station");
                if (station != null) {
                    byStation.computeIfAbsent(station, k -> new ArrayList<>()).add(a);
                }
            }
        }
        return new PublicState(enabled, byStation, stages);
    }

    /** The active alerts the public sees, by id (a stable order for paging: new alerts come last). */
    static List<AlertRecord> activePublic(AlertQueries alerts, PublicAlerts visible) {
        return alerts.active(java.util.Optional.empty()).stream()
                .filter(visible.shown())
                .sorted(Comparator.comparingLong(AlertRecord::id))
                .toList();
    }

    List<AlertRecord> alertsOf(Sensor sensor) {
        return alertsByStation.getOrDefault(sensor.id().value(), List.of());
    }

    NavigableMap<Integer, Double> thresholdsOf(Sensor sensor) {
        return stages.thresholds(sensor);
    }

    FloodState floodState(SensorState state) {
        return FloodState.of(state, thresholdsOf(state.sensor()), alertsOf(state.sensor()));
    }
}
