package org.kawamori.simulators.watch;

import java.time.Duration;
import java.util.Objects;
import org.kawamori.simulators.play.SimDevice.SimGateway;

/**
 * A gateway of the school day and where it hears from: a fixed detector at its registered place, or
 * a volunteer's phone walking about (it reports its position with each batch). It scans every
 * {@code scanEvery} from {@code phase} after the day begins.
 */
public record Scanner(SimGateway gateway, Walk walk, Duration phase, int index) {

    /** The BLE hearing range: tags farther than this are not heard. */
    public static final double RANGE_METRES = 40;

    public Scanner {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(walk, "walk");
    }

    public boolean moves() {
        return gateway.gateway().kind().moves();
    }
}
