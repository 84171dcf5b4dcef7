package org.kawamori.alerting;

import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;

/** A sensor whose flood alert is active: a gauge at some stage, or a wet inundation sensor. Public data. */
record FloodSpot(Sensor sensor, int level) {

    /** Whether a tag near it is near a flood, for a rule that starts at {@code fromStage}. */
    boolean floodsFrom(int fromStage) {
        return sensor.kind() == SensorKind.INUNDATION || level >= fromStage;
    }
}
