package org.kawamori.alerting;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kawamori.core.alert.AlertChange;
import org.kawamori.core.alert.AlertStore;

/**
 * The state of one owner behind its lock. An evaluation runs on a draft copy; its changes are
 * recorded in the store, and only then does the draft become the state. When the store throws,
 * the state stays as it was, so the same input can be evaluated again.
 */
final class Slot<S extends Owned<S>> {

    private S state;

    Slot(S state) {
        this.state = state;
    }

    synchronized List<AlertChange> apply(
            Consumer<S> evaluation, AlertStore store, BiConsumer<S, List<AlertChange>> afterRecord) {
        S draft = state.copy();
        evaluation.accept(draft);
        List<AlertChange> changes = draft.book().drain();
        if (!changes.isEmpty()) {
            store.record(changes);
        }
        state = draft;
        afterRecord.accept(state, changes);
        return changes;
    }

    synchronized <R> R read(Function<S, R> reading) {
        return reading.apply(state);
    }
}
