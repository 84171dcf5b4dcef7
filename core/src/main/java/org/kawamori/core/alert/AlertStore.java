package org.kawamori.core.alert;

import java.util.List;

/**
 * Where the rule engine keeps its alerts (the {@code alert} table and an outbox of notices). The
 * engine calls it while it holds the lock of the subject being evaluated, so calls for different
 * subjects may come concurrently.
 */
public interface AlertStore {

    /** A new alert id, unique across instances and restarts (a database sequence). */
    long nextAlertId();

    /**
     * Records the changes of one evaluation of one subject, all of them or none: each alert's row as
     * it is after its transition, the transition itself (history) and its notices (an outbox that the
     * dispatcher delivers from, keyed by {@link Notice#key()}). When this throws, nothing of the
     * evaluation took effect, neither here nor in the engine, and the caller may retry the input.
     */
    void record(List<AlertChange> changes);

    /** Every alert that is not cleared, with its level, sequence and detail: the engine restarts from these. */
    List<AlertRecord> activeAlerts();
}
