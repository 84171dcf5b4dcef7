package org.kawamori.deploy.alerts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.kawamori.core.alert.AlertChange;

/**
 * What the alert rules of this instance did since it started, as plain counters (the metrics read
 * them): alert transitions by rule and kind, notices handed to the channels, and evaluations that
 * failed (the database down: the input is evaluated again later).
 */
public final class AlertCounters {

    /** One counted kind of transition: the rule's code and the transition, e.g. river-stage / OPENED. */
    public record Kind(String rule, String transition) {}

    private final ConcurrentHashMap<Kind, LongAdder> transitions = new ConcurrentHashMap<>();
    private final LongAdder notices = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile Consumer<Kind> newKinds = kind -> {};

    void count(AlertChange change) {
        Kind kind = new Kind(change.after().alert().rule(), change.transition().name());
        LongAdder n = transitions.get(kind);
        if (n == null) {
            LongAdder fresh = new LongAdder();
            n = transitions.putIfAbsent(kind, fresh);
            if (n == null) {
                n = fresh;
                newKinds.accept(kind);
            }
        }
        n.increment();
    }

    /**
     * Tells {@code listener} of every kind seen so far and of each new one when it first happens (the
     * kinds are not known up front: the metrics register a counter per kind then).
     */
    public void onEachKind(Consumer<Kind> listener) {
        newKinds = listener;
        transitions.keySet().forEach(listener);
    }

    /** Transitions of one kind so far. */
    public long transitions(Kind kind) {
        LongAdder n = transitions.get(kind);
        return n == null ? 0 : n.sum();
    }

    void published(int count) {
        notices.add(count);
    }

    void failed() {
        failures.increment();
    }

    /** Transitions so far, by kind; a kind appears once it has happened. */
    public Map<Kind, Long> transitions() {
        Map<Kind, Long> copy =
                new TreeMap<>((a, b) -> (a.rule() + '/' + a.transition()).compareTo(b.rule() + '/' + b.transition()));
        transitions.forEach((kind, n) -> copy.put(kind, n.sum()));
        return copy;
    }

    public long notices() {
        return notices.sum();
    }

    public long failures() {
        return failures.sum();
    }
}
