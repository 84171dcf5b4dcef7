package org.kawamori.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The recent accepted values of one quantity of one sensor, oldest first. It keeps what the rules
 * look back on: everything within {@code lookback} of the newest value, the last value before that
 * (so "below since" can reach back past the horizon), and at least {@code minimum} values.
 */
final class Series {

    record Sample(Instant time, double value) {}

    private final Duration lookback;
    private final int minimum;
    private final Deque<Sample> samples;

    Series(Duration lookback, int minimum) {
        this(lookback, minimum, new ArrayDeque<>());
    }

    private Series(Duration lookback, int minimum, Deque<Sample> samples) {
        this.lookback = lookback;
        this.minimum = minimum;
        this.samples = samples;
    }

    Series copy() {
        return new Series(lookback, minimum, new ArrayDeque<>(samples));
    }

    void add(Instant time, double value) {
        samples.addLast(new Sample(time, value));
        Instant horizon = time.minus(lookback);
        while (samples.size() > minimum
                && second().map(s -> !s.time().isAfter(horizon)).orElse(false)) {
            samples.removeFirst();
        }
    }

    Optional<Sample> latest() {
        return Optional.ofNullable(samples.peekLast());
    }

    /** Newest first. */
    Iterator<Sample> newestFirst() {
        return samples.descendingIterator();
    }

    /** The lowest value at or after {@code from}; empty when there is none. */
    OptionalDouble lowestSince(Instant from) {
        double lowest = Double.POSITIVE_INFINITY;
        boolean any = false;
        for (Iterator<Sample> it = newestFirst(); it.hasNext(); ) {
            Sample sample = it.next();
            if (sample.time().isBefore(from)) {
                break;
            }
            lowest = Math.min(lowest, sample.value());
            any = true;
        }
        return any ? OptionalDouble.of(lowest) : OptionalDouble.empty();
    }

    /**
     * The start of the newest unbroken run of values below {@code limit}: the time of the oldest value
     * in it, or empty when the newest value is not below.
     */
    Optional<Instant> belowSince(double limit) {
        Instant start = null;
        int count = 0;
        for (Iterator<Sample> it = newestFirst(); it.hasNext(); ) {
            Sample sample = it.next();
            if (!(sample.value() < limit)) {
                break;
            }
            start = sample.time();
            count++;
        }
        return count == 0 ? Optional.empty() : Optional.of(start);
    }

    /** How many of the newest values in a row are below {@code limit}. */
    int countBelow(double limit) {
        int count = 0;
        for (Iterator<Sample> it = newestFirst(); it.hasNext() && it.next().value() < limit; ) {
            count++;
        }
        return count;
    }

    private Optional<Sample> second() {
        Iterator<Sample> it = samples.iterator();
        it.next();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }
}
