package org.kawamori.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The recent accepted values of one quantity of one sensor, oldest first. It keeps what the rules
 * look back on: everything within {@code lookback} of the newest value, the last value before that
 * (so "below since" can reach back past the horizon), and at least {@code minimum} values.
 *
 * <p>{@link #copy()} costs nothing whatever the length: the copy is a view {@code [head, tail)} of the
 * same array. A {@link Slot} copies a station's state for every reading so that a failed store
 * leaves it unchanged, and copying a deque of an hour of one-second readings made that copy the
 * largest single cost of ingest (15 % of the route threads in {@code bench suite}). Sharing is
 * safe because after a copy only one of the two is ever changed again: the slot changes its draft,
 * then either keeps the draft and drops the old state, or drops the draft and copies the old state
 * anew, whose writes then overwrite the dropped draft's.
 *
 * <pre>
 *  items  [ s0 | s1 | s2 | s3 | s4 |    |    ]
 *  state         head=1         tail=4            s1..s3
 *  draft         head=1              tail=5       s1..s4 (added s4, shares the array)
 * </pre>
 */
final class Series {

    record Sample(Instant time, double value) {}

    private static final int INITIAL = 8;

    private final Duration lookback;
    private final int minimum;
    private Sample[] items;
    private int head;
    private int tail;

    Series(Duration lookback, int minimum) {
        this(lookback, minimum, new Sample[INITIAL], 0, 0);
    }

    private Series(Duration lookback, int minimum, Sample[] items, int head, int tail) {
        this.lookback = lookback;
        this.minimum = minimum;
        this.items = items;
        this.head = head;
        this.tail = tail;
    }

    /** A series with the same values; change it or this one afterwards, not both. */
    Series copy() {
        return new Series(lookback, minimum, items, head, tail);
    }

    void add(Instant time, double value) {
        if (tail == items.length) {
            compact();
        }
        items[tail++] = new Sample(time, value);
        Instant horizon = time.minus(lookback);
        while (tail - head > Math.max(minimum, 1) && !items[head + 1].time().isAfter(horizon)) {
            head++;
        }
    }

    /** Moves the live values into a new array with room to grow; the old one stays with any copy. */
    private void compact() {
        int size = tail - head;
        Sample[] grown = new Sample[Math.max(INITIAL, size * 2)];
        System.arraycopy(items, head, grown, 0, size);
        items = grown;
        head = 0;
        tail = size;
    }

    Optional<Sample> latest() {
        return tail == head ? Optional.empty() : Optional.of(items[tail - 1]);
    }

    /** Newest first. */
    Iterator<Sample> newestFirst() {
        return new Iterator<>() {
            private int next = tail - 1;

            @Override
            public boolean hasNext() {
                return next >= head;
            }

            @Override
            public Sample next() {
                if (next < head) {
                    throw new NoSuchElementException();
                }
                return items[next--];
            }
        };
    }

    /** The lowest value at or after {@code from}; empty when there is none. */
    OptionalDouble lowestSince(Instant from) {
        double lowest = Double.POSITIVE_INFINITY;
        boolean any = false;
        for (int i = tail - 1; i >= head && !items[i].time().isBefore(from); i--) {
            lowest = Math.min(lowest, items[i].value());
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
        for (int i = tail - 1; i >= head && items[i].value() < limit; i--) {
            start = items[i].time();
        }
        return Optional.ofNullable(start);
    }

    /** How many of the newest values in a row are below {@code limit}. */
    int countBelow(double limit) {
        int count = 0;
        for (int i = tail - 1; i >= head && items[i].value() < limit; i--) {
            count++;
        }
        return count;
    }
}
