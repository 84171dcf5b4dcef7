package org.kawamori.mapweb;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.StationStages;

/** Stage thresholds held in memory, written as the alert settings write them ({@code 1:1.50,2:2.60}). */
final class InMemoryStationStages implements StationStages {

    private final Map<String, NavigableMap<Integer, Double>> byStation = new ConcurrentHashMap<>();

    InMemoryStationStages with(String station, String thresholds) {
        NavigableMap<Integer, Double> parsed = new TreeMap<>();
        for (String pair : thresholds.split(",")) {
            String[] parts = pair.split(":");
            parsed.put(Integer.valueOf(parts[0].strip()), Double.valueOf(parts[1].strip()));
        }
        byStation.put(station, Collections.unmodifiableNavigableMap(parsed));
        return this;
    }

    @Override
    public NavigableMap<Integer, Double> thresholds(Sensor sensor) {
        return byStation.getOrDefault(sensor.id().value(), Collections.emptyNavigableMap());
    }
}
