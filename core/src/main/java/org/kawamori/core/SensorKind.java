package org.kawamori.core;

/** The kinds of flood sensor, each with the quantity the map shows for it. */
public enum SensorKind {
    /** A river water-level gauge (水位計). */
    RIVER_GAUGE(Quantity.WATER_LEVEL),
    /** A small inundation sensor at an underpass or low road (浸水センサ). */
    INUNDATION(Quantity.INUNDATION_DEPTH);

    private final Quantity primaryQuantity;

    SensorKind(Quantity primaryQuantity) {
        this.primaryQuantity = primaryQuantity;
    }

    public Quantity primaryQuantity() {
        return primaryQuantity;
    }
}
