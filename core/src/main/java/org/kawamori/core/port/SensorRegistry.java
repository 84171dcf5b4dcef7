package org.kawamori.core.port;

import java.util.List;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Sensor;

/** The registered flood sensors. */
public interface SensorRegistry {

    Optional<Sensor> findSensor(DeviceId id);

    List<Sensor> sensors();
}
