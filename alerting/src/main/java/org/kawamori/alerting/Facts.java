package org.kawamori.alerting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.kawamori.core.Sensor;

/** How facts and titles write values: metres with two decimals, instants in ISO-8601 UTC, clock times in Tokyo. */
final class Facts {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    private Facts() {}

    static String metres(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String clock(Instant time) {
        return CLOCK.format(time);
    }

    /** The public facts naming a sensor. */
    static Map<String, String> station(Sensor sensor) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("station", sensor.id().value());
        facts.put("station-name", sensor.name());
        facts.put("municipality", sensor.municipality().value());
        if (sensor.experimental()) {
            facts.put("experimental", "true");
        }
        return facts;
    }

    static Map<String, String> with(Map<String, String> facts, String... keysAndValues) {
        Map<String, String> merged = new LinkedHashMap<>(facts);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            merged.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return merged;
    }
}
