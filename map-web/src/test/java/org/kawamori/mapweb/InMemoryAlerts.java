package org.kawamori.mapweb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertCommands;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertTransition;

/**
 * Alerts and their history held in memory, answering like the store: the most recently changed first,
 * keyset pages on (changed at, id); acknowledging as the engine does (an OPEN alert becomes
 * ACKNOWLEDGED with an {@code acknowledged-by} fact; a cleared or unknown one gives empty).
 */
final class InMemoryAlerts implements AlertQueries, AlertCommands {

    static final Comparator<AlertRecord> NEWEST_FIRST = Comparator.comparing(
                    (AlertRecord a) -> a.alert().changedAt())
            .thenComparing(AlertRecord::id)
            .reversed();

    private final Map<Long, AlertRecord> alerts = new ConcurrentHashMap<>();
    private final Map<Long, List<TransitionRecord>> history = new ConcurrentHashMap<>();
    final List<String> acknowledgedBy = new CopyOnWriteArrayList<>();
    final List<String> acknowledgeThreads = new CopyOnWriteArrayList<>();
    final AtomicInteger pageQueries = new AtomicInteger();
    /** Queries of the open alerts read and waiting for {@link #holdOpenAlertAnswers()}'s latch. */
    final AtomicInteger heldAnswers = new AtomicInteger();

    private volatile CountDownLatch answerGate = new CountDownLatch(0);

    /**
     * From now on, a query of the open alerts reads them at once but answers only when the returned latch
     * is counted down (at most 30 s later): a snapshot read before some live event and arriving after it.
     */
    CountDownLatch holdOpenAlertAnswers() {
        CountDownLatch gate = new CountDownLatch(1);
        answerGate = gate;
        return gate;
    }

    /** Adds an alert whose one transition so far opened it (or more, for its sequence). */
    InMemoryAlerts with(AlertRecord alert) {
        alerts.put(alert.id(), alert);
        List<TransitionRecord> transitions = new CopyOnWriteArrayList<>();
        for (int n = 1; n <= alert.sequence(); n++) {
            AlertTransition t = n == 1 ? AlertTransition.OPENED : AlertTransition.REMINDER;
            if (n == alert.sequence() && alert.alert().state() == Alert.State.CLEARED) {
                t = AlertTransition.CLEARED;
            }
            transitions.add(transition(alert, n, t, alert.alert().openedAt().plusSeconds(60L * (n - 1))));
        }
        history.put(alert.id(), transitions);
        return this;
    }

    /** Adds a transition to an alert's history (the alert itself stays as it is). */
    InMemoryAlerts withTransition(long alertId, AlertTransition t, Map<String, String> facts, Instant at) {
        AlertRecord a = alerts.get(alertId);
        List<TransitionRecord> list = history.get(alertId);
        list.add(new TransitionRecord(
                alertId, list.size() + 1, t, a.alert().severity(), a.alert().state(), a.level(), at, facts));
        return this;
    }

    private static TransitionRecord transition(AlertRecord a, int sequence, AlertTransition t, Instant at) {
        return new TransitionRecord(
                a.id(), sequence, t, a.alert().severity(), a.alert().state(), a.level(), at, a.detail());
    }

    @Override
    public List<AlertRecord> active(Optional<MunicipalityCode> municipality) {
        List<AlertRecord> open = alerts.values().stream()
                .filter(a -> a.alert().state() != Alert.State.CLEARED)
                .filter(a -> municipality
                        .map(m -> m.equals(a.alert().municipality()))
                        .orElse(true))
                .sorted(NEWEST_FIRST)
                .toList();
        CountDownLatch gate = answerGate;
        if (gate.getCount() > 0) {
            heldAnswers.incrementAndGet();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                heldAnswers.decrementAndGet();
            }
        }
        return open;
    }

    @Override
    public Optional<AlertRecord> find(long alertId) {
        return Optional.ofNullable(alerts.get(alertId));
    }

    @Override
    public List<TransitionRecord> transitions(long alertId) {
        return List.copyOf(history.getOrDefault(alertId, List.of()));
    }

    @Override
    public List<AlertRecord> changedBetween(
            Optional<MunicipalityCode> municipality, Instant from, Instant to, int limit, Optional<Long> beforeId) {
        pageQueries.incrementAndGet();
        Optional<AlertRecord> cursor = beforeId.map(alerts::get);
        return alerts.values().stream()
                .filter(a -> municipality
                        .map(m -> m.equals(a.alert().municipality()))
                        .orElse(true))
                .filter(a -> !a.alert().changedAt().isBefore(from)
                        && a.alert().changedAt().isBefore(to))
                .filter(a -> cursor.map(c -> NEWEST_FIRST.compare(a, c) > 0).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<AlertRecord> acknowledge(long alertId, String by, Instant at) {
        acknowledgeThreads.add(Thread.currentThread().getName());
        AlertRecord current = alerts.get(alertId);
        if (current == null || current.alert().state() == Alert.State.CLEARED) {
            return Optional.empty();
        }
        acknowledgedBy.add(by);
        if (current.alert().state() == Alert.State.ACKNOWLEDGED) {
            return Optional.of(current);
        }
        Alert a = current.alert();
        Map<String, String> detail = new HashMap<>(current.detail());
        detail.put("acknowledged-by", by);
        AlertRecord after = new AlertRecord(
                new Alert(
                        a.id(),
                        a.municipality(),
                        a.subject(),
                        a.rule(),
                        a.severity(),
                        Alert.State.ACKNOWLEDGED,
                        a.openedAt(),
                        at),
                current.level(),
                current.sequence() + 1,
                current.lastNoticeAt(),
                detail);
        alerts.put(alertId, after);
        history.get(alertId).add(transition(after, after.sequence(), AlertTransition.ACKNOWLEDGED, at));
        return Optional.of(after);
    }

    /** Every alert id, newest change first (what a full walk of the history must give). */
    List<Long> idsNewestFirst(List<AlertRecord> of) {
        List<AlertRecord> sorted = new ArrayList<>(of);
        sorted.sort(NEWEST_FIRST);
        return sorted.stream().map(AlertRecord::id).toList();
    }
}
