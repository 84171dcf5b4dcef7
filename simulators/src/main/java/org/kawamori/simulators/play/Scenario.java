package org.kawamori.simulators.play;

import java.time.Instant;
import java.util.List;

/**
 * A simulated day: the devices to register, and the messages they send. {@link #between} is a pure
 * function of the scenario's seed and the window, so a run is the same whatever the speed-up or the
 * player's tick, and tests can read a whole day without a network.
 */
public interface Scenario {

    /** A short name for the progress line, e.g. {@code typhoon}. */
    String name();

    /** Every device the scenario plays, to register before it runs. */
    List<SimDevice> devices();

    /** When the scenario's day begins and ends (simulated time). */
    Instant start();

    Instant end();

    /** The messages sent at {@code from <= at < to}, by time. */
    List<Outgoing> between(Instant from, Instant to);
}
