package org.kawamori.core.port;

import java.util.Collections;
import java.util.NavigableMap;
import org.kawamori.core.Sensor;

/**
 * The river-stage thresholds (水位危険度レベル) of a gauge, in metres, by stage number 1..5
 * (1 水防団待機水位, 2 氾濫注意水位, 3 避難判断水位, 4 氾濫危険水位, 5 氾濫発生). They are the alert
 * engine's settings and public information: the map draws them as the stage lines of a gauge's chart and
 * colours a gauge by the stage its latest level reaches.
 */
public interface StationStages {

    /** A deployment without stage settings: no sensor has thresholds. */
    StationStages NONE = sensor -> Collections.emptyNavigableMap();

    /**
     * The thresholds of {@code sensor}, ascending by stage; empty when none are configured (an inundation
     * sensor, or a gauge without stages). A station may list only some stages. Must be cheap: the map asks
     * for every sensor when it renders the sensor collection.
     */
    NavigableMap<Integer, Double> thresholds(Sensor sensor);
}
