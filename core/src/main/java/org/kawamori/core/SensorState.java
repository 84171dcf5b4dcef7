package org.kawamori.core;

import java.util.Optional;

/** A sensor with its latest reading of its primary quantity, if it ever reported one. */
public record SensorState(Sensor sensor, Optional<Reading> latest) {}
