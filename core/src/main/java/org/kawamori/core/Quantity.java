package org.kawamori.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a sensor measures, with its SenML name, its SenML unit (RFC 8428 §12.1) and the physically
 * plausible range. A value outside the range is refused at ingest rather than stored.
 */
public enum Quantity {
    /** River water level above the gauge datum, metres (水位). */
    WATER_LEVEL("level", "m", -20.0, 100.0),
    /** Inundation depth at an inundation sensor (浸水深), metres. */
    INUNDATION_DEPTH("depth", "m", 0.0, 10.0),
    /** Remaining battery, percent. */
    BATTERY("battery", "%EL", 0.0, 100.0);

    private final String senmlName;
    private final String unit;
    private final double min;
    private final double max;

    Quantity(String senmlName, String unit, double min, double max) {
        this.senmlName = senmlName;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    public String senmlName() {
        return senmlName;
    }

    public String unit() {
        return unit;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public boolean isPlausible(double value) {
        return Double.isFinite(value) && value >= min && value <= max;
    }

    public static Optional<Quantity> bySenmlName(String name) {
        return Arrays.stream(values()).filter(q -> q.senmlName.equals(name)).findFirst();
    }
}
