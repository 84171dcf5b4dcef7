package org.kawamori.core.port;

import java.util.List;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;

/** Told about readings after they are committed (live map, alert rules). Must not block. */
@FunctionalInterface
public interface ReadingListener {

    void onCommitted(Sensor sensor, List<Reading> readings);
}
