package org.kawamori.simulators.play;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The scenario's clock, running {@code speed} times faster than the wall clock. It is laid so that the
 * last simulated instant is reached at the real end of the run: a simulated stamp is never ahead of
 * the real time (Kawamori refuses readings more than 5 minutes ahead) and the last messages of a
 * run are current. At speed 1 it is the wall clock.
 */
public final class SimulatedClock {

    private final Clock wall;
    private final Instant realStart;
    private final Instant simStart;
    private final double speed;

    /**
     * @param length the simulated span the run plays
     */
    public SimulatedClock(Clock wall, Duration length, double speed) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed-up must be at least 1");
        }
        this.wall = wall;
        this.speed = speed;
        this.realStart = wall.instant();
        long realLength = (long) (length.toMillis() / speed);
        this.simStart = realStart.minusMillis(length.toMillis() - realLength);
    }

    /** The simulated instant at which the run begins (the scenario's start is mapped here). */
    public Instant simStart() {
        return simStart;
    }

    public Instant now() {
        long realElapsed = Duration.between(realStart, wall.instant()).toMillis();
        return simStart.plusMillis((long) (realElapsed * speed));
    }

    /** Real milliseconds until the simulated instant {@code at} (0 when it has passed). */
    public long realMillisUntil(Instant at) {
        long simAhead = Duration.between(now(), at).toMillis();
        return Math.max(0, (long) (simAhead / speed));
    }

    public double speed() {
        return speed;
    }
}
