package org.kawamori.simulators;

import java.time.Duration;
import java.util.Objects;
import org.kawamori.core.Sensor;

/**
 * A gauge the simulator plays: the registered sensor, the secret it logs in with, the protocol it
 * speaks, and the shape of its level curve (a calm base level plus a slow swell that reaches
 * upstream gauges first).
 */
public record SimulatedGauge(
        Sensor sensor, String secret, Protocol protocol, double baseLevel, double swell, Duration lag) {

    /** How a simulated gauge sends. */
    public enum Protocol {
        MQTT,
        COAP
    }

    public SimulatedGauge {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(lag, "lag");
    }

    @Override
    public String toString() {
        return "SimulatedGauge[" + sensor.id() + ", " + protocol + "]";
    }
}
