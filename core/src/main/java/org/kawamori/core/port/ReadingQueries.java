package org.kawamori.core.port;

import java.time.Instant;
import java.util.List;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Reading;
import org.kawamori.core.SensorState;

/** Reads for the map and the API. */
public interface ReadingQueries {

    /** Every registered sensor with its latest reading of its primary quantity, in one query. */
    List<SensorState> latestStates();

    /** The readings of one sensor with {@code from <= time < to}, oldest first, at most {@code limit}. */
    List<Reading> readings(DeviceId device, Instant from, Instant to, int limit);
}
