package org.kawamori.alerting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kawamori.core.Sensor;

/** How facts and titles write values: metres with two decimals, instants in ISO-8601 UTC, clock times in Tokyo. */
final class Facts {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    private Facts() {}

    /** Two decimals, rounded half up like {@code %.2f} (without a Formatter: this runs on every reading). */
    static String metres(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_UP).toPlainString();
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
