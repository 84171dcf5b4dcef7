package org.kawamori.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.kawamori.alerting.rules.Lifecycle;
import org.kawamori.core.Alert;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.Alert.State;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertChange;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertTransition;

/**
 * The active alerts of one owner (a sensor or a tag) and their lifecycle. A condition that becomes
 * active OPENs an alert; a higher level ESCALATEs it (and an acknowledged alert returns to OPEN: it
 * needs attention again); a lower, still active level DEESCALATEs it (an acknowledgement stands);
 * an inactive condition CLEARs it. Reminders repeat an OPEN alert until it is acknowledged. Every
 * transition counts one in the alert's sequence and is collected as an {@link AlertChange} with its
 * notices, for the engine to record all at once.
 */
final class AlertBook {

    private final Map<String, AlertRecord> active;
    private final List<AlertChange> changes = new ArrayList<>();
    private final LongSupplier ids;

    AlertBook(LongSupplier ids) {
        this(ids, new HashMap<>());
    }

    private AlertBook(LongSupplier ids, Map<String, AlertRecord> active) {
        this.ids = ids;
        this.active = active;
    }

    AlertBook copy() {
        return new AlertBook(ids, new HashMap<>(active));
    }

    void restore(AlertRecord alert) {
        active.put(Target.key(alert.alert().subject(), alert.alert().rule()), alert);
    }

    /** The active alerts, oldest first: every walk over them is in the same order. */
    List<AlertRecord> active() {
        return active.values().stream()
                .sorted(Comparator.comparingLong(AlertRecord::id))
                .toList();
    }

    /** No alert is active. */
    boolean isEmpty() {
        return active.isEmpty();
    }

    Optional<AlertRecord> find(Target target) {
        return Optional.ofNullable(active.get(target.key()));
    }

    Optional<AlertRecord> find(long alertId) {
        return active.values().stream().filter(a -> a.id() == alertId).findFirst();
    }

    /** The changes since the last call. */
    List<AlertChange> drain() {
        List<AlertChange> drained = List.copyOf(changes);
        changes.clear();
        return drained;
    }

    /** Moves the target's alert to where the condition says it should be. */
    void reconcile(Target target, Condition condition, Instant at) {
        AlertRecord current = active.get(target.key());
        if (current == null) {
            if (condition.isActive()) {
                open(target, condition, at);
            }
        } else if (!condition.isActive()) {
            Map<String, String> detail = engineKeys(current);
            detail.putAll(condition.facts());
            move(
                    current,
                    AlertTransition.CLEARED,
                    current.level(),
                    current.alert().severity(),
                    State.CLEARED,
                    detail,
                    at);
        } else if (condition.level() > current.level()) {
            move(current, AlertTransition.ESCALATED, condition, State.OPEN, at);
        } else if (condition.level() < current.level()) {
            move(
                    current,
                    AlertTransition.DEESCALATED,
                    condition,
                    current.alert().state(),
                    at);
        }
    }

    /** Says the active alert again with new facts (a sighting in lost mode); nothing if it is not active. */
    void announce(Target target, Condition condition, Instant at) {
        AlertRecord current = active.get(target.key());
        if (current != null) {
            move(current, AlertTransition.REMINDER, condition, current.alert().state(), at);
        }
    }

    /** Acknowledges an OPEN alert; an already acknowledged one stays as it is. */
    boolean acknowledge(long alertId, String by, Instant at) {
        AlertRecord current =
                find(alertId).orElseThrow(() -> new IllegalArgumentException("no active alert " + alertId));
        if (current.alert().state() != State.OPEN) {
            return false;
        }
        Map<String, String> detail = new HashMap<>(current.detail());
        detail.put("acknowledged-by", by);
        move(
                current,
                AlertTransition.ACKNOWLEDGED,
                current.level(),
                current.alert().severity(),
                State.ACKNOWLEDGED,
                detail,
                at);
        return true;
    }

    /** A REMINDER for each OPEN alert whose reminder interval has passed since it was last told. */
    void remind(Instant now, Function<MunicipalityCode, Lifecycle> lifecycles) {
        for (AlertRecord alert : active()) {
            Alert row = alert.alert();
            if (row.state() != State.OPEN || !RuleCode.of(row.rule()).reminded()) {
                continue;
            }
            Optional<Duration> every = lifecycles.apply(row.municipality()).reminderEvery(row.severity());
            if (every.isPresent() && !now.isBefore(alert.lastNoticeAt().plus(every.get()))) {
                move(alert, AlertTransition.REMINDER, alert.level(), row.severity(), row.state(), alert.detail(), now);
            }
        }
    }

    private void open(Target target, Condition condition, Instant at) {
        Alert row = new Alert(
                ids.getAsLong(),
                target.municipality(),
                target.subject(),
                target.rule().code(),
                condition.severity(),
                State.OPEN,
                at,
                at);
        Map<String, String> detail = condition.wording().into(condition.facts());
        detail.put(NoticeWriter.OWNER, target.owner());
        target.family().ifPresent(family -> detail.put(NoticeWriter.FAMILY, family.value()));
        record(new AlertRecord(row, condition.level(), 1, at, detail), AlertTransition.OPENED, at);
    }

    private void move(AlertRecord current, AlertTransition transition, Condition condition, State state, Instant at) {
        Map<String, String> detail = engineKeys(current);
        detail.putAll(condition.wording().into(condition.facts()));
        move(current, transition, condition.level(), condition.severity(), state, detail, at);
    }

    private void move(
            AlertRecord current,
            AlertTransition transition,
            int level,
            Severity severity,
            State state,
            Map<String, String> detail,
            Instant at) {
        Alert before = current.alert();
        Alert row = new Alert(
                before.id(),
                before.municipality(),
                before.subject(),
                before.rule(),
                severity,
                state,
                before.openedAt(),
                at);
        boolean told = !(transition == AlertTransition.CLEARED
                && RuleCode.of(before.rule()).silentClear());
        Instant lastNoticeAt = told ? at : current.lastNoticeAt();
        record(new AlertRecord(row, level, current.sequence() + 1, lastNoticeAt, detail), transition, at);
    }

    /**
     * What a new condition keeps of the alert's detail: only the engine's keys (owner, family, the
     * wording until replaced); its facts are the condition's own, so no fact of an earlier level lingers.
     */
    private static Map<String, String> engineKeys(AlertRecord current) {
        Map<String, String> kept = new HashMap<>();
        current.detail().forEach((key, value) -> {
            if (key.startsWith("_")) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    private void record(AlertRecord after, AlertTransition transition, Instant at) {
        String key = Target.key(after.alert().subject(), after.alert().rule());
        if (after.alert().state() == State.CLEARED) {
            active.remove(key);
        } else {
            active.put(key, after);
        }
        boolean silent = transition == AlertTransition.CLEARED
                && RuleCode.of(after.alert().rule()).silentClear();
        changes.add(
                new AlertChange(after, transition, at, silent ? List.of() : NoticeWriter.write(after, transition, at)));
    }
}
