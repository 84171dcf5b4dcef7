package org.kawamori.mapweb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses logins after too many failures, per login name and per client address, within a sliding
 * window: a password guesser gets {@code maxFailures} tries, then waits. Success does not clear the
 * client's count (a guesser who knows one password keeps its budget for the others). In memory, per
 * instance; the keys are kept only while they have failures in the window.
 */
final class LoginThrottle {

    /** Above this many remembered keys the oldest windows are swept on every failure. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long the caller must wait before trying again, or empty when it may try now. */
    Optional<Duration> wait(String login, String client, Instant now) {
        return later(wait("login:" + login, now), wait("client:" + client, now));
    }

    void failed(String login, String client, Instant now) {
        record("login:" + login, now);
        record("client:" + client, now);
        if (failures.size() > SWEEP_ABOVE) {
            sweep(now);
        }
    }

    /** A successful login clears the login name's failures (its owner is back). */
    void succeeded(String login) {
        failures.remove("login:" + login);
    }

    private Optional<Duration> wait(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            expire(times, now);
            if (times.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    private void expire(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }

    private void sweep(Instant now) {
        Iterator<Map.Entry<String, Deque<Instant>>> it = failures.entrySet().iterator();
        while (it.hasNext()) {
            Deque<Instant> times = it.next().getValue();
            synchronized (times) {
                expire(times, now);
                if (times.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    private static Optional<Duration> later(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }
}
