package org.kawamori.simulators.play;

import java.time.Instant;
import java.util.Objects;

/**
 * One message a scenario sends at a simulated instant: a SenML reading of a sensor, or a detection
 * batch of a gateway carrying {@code records} detections.
 *
 * @param at when it is sent (and stamped), on the simulated clock
 * @param sender the sensor or gateway that sends it
 * @param payload SenML JSON or a detection batch (docs/gateway-batch.md)
 * @param records rows it makes when stored: 1 per reading, the batch's detections for a gateway
 */
public record Outgoing(Instant at, SimDevice sender, String payload, int records) {

    public Outgoing {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(payload, "payload");
        if (sender instanceof SimDevice.SimTag) {
            throw new IllegalArgumentException("a tag sends nothing");
        }
    }

    public boolean isBatch() {
        return sender instanceof SimDevice.SimGateway;
    }

    @Override
    public String toString() {
        return "Outgoing[" + at + ", " + sender + ", " + records + " record(s)]";
    }
}
