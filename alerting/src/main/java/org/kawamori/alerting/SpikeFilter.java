package org.kawamori.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kawamori.alerting.rules.PlausibilityRule;
import org.kawamori.core.Reading;

/**
 * Holds back implausible water levels. A level that jumps more than plausible from the last accepted
 * one is held as suspect. The next readings decide: one that is plausible from the held value and
 * nearer to it than to the last accepted one confirms it (after {@code confirmations} of them the held
 * readings are taken as real, in order); one that is plausible from the last accepted level rejects
 * the spike; anything else becomes the new suspect.
 */
final class SpikeFilter {

    /** What became of a reading. */
    enum Verdict {
        ACCEPTED,
        HELD,
        CONFIRMED,
        REJECTED
    }

    /** The readings to apply now, in order, and the verdict. */
    record Outcome(Verdict verdict, List<Reading> accepted) {}

    private Reading lastAccepted;
    private final List<Reading> held;

    SpikeFilter() {
        this(null, new ArrayList<>());
    }

    private SpikeFilter(Reading lastAccepted, List<Reading> held) {
        this.lastAccepted = lastAccepted;
        this.held = held;
    }

    SpikeFilter copy() {
        return new SpikeFilter(lastAccepted, new ArrayList<>(held));
    }

    Optional<Reading> suspect() {
        return held.isEmpty() ? Optional.empty() : Optional.of(held.get(0));
    }

    Optional<Reading> lastAccepted() {
        return Optional.ofNullable(lastAccepted);
    }

    Outcome offer(Reading reading, PlausibilityRule rule) {
        if (lastAccepted == null) {
            return accept(Verdict.ACCEPTED, List.of(reading));
        }
        boolean fromAccepted = plausible(lastAccepted, reading, rule);
        if (held.isEmpty()) {
            return fromAccepted ? accept(Verdict.ACCEPTED, List.of(reading)) : hold(reading);
        }
        Reading suspect = held.get(held.size() - 1);
        boolean confirms = plausible(suspect, reading, rule)
                && Math.abs(reading.value() - suspect.value()) < Math.abs(reading.value() - lastAccepted.value());
        if (confirms) {
            held.add(reading);
            if (held.size() > rule.confirmations()) {
                List<Reading> confirmed = List.copyOf(held);
                held.clear();
                return accept(Verdict.CONFIRMED, confirmed);
            }
            return new Outcome(Verdict.HELD, List.of());
        }
        if (fromAccepted) {
            held.clear();
            return accept(Verdict.REJECTED, List.of(reading));
        }
        held.clear();
        return hold(reading);
    }

    private Outcome hold(Reading reading) {
        held.add(reading);
        return new Outcome(Verdict.HELD, List.of());
    }

    private Outcome accept(Verdict verdict, List<Reading> readings) {
        lastAccepted = readings.get(readings.size() - 1);
        return new Outcome(verdict, readings);
    }

    private static boolean plausible(Reading from, Reading to, PlausibilityRule rule) {
        return rule.plausible(from.value(), to.value(), Duration.between(from.time(), to.time()));
    }
}
