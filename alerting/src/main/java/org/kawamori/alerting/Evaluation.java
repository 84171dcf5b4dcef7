package org.kawamori.alerting;

import java.util.List;
import org.kawamori.core.Reading;
import org.kawamori.core.alert.AlertChange;
import org.kawamori.core.alert.Notice;

/**
 * What one call of the engine did, already recorded in the store: the alert transitions with their
 * notices, in order, and the water levels it held back as suspect (the caller may flag them in the
 * reading store's quality column).
 */
public record Evaluation(List<AlertChange> changes, List<Reading> suspect) {

    public static final Evaluation NONE = new Evaluation(List.of(), List.of());

    public Evaluation {
        changes = List.copyOf(changes);
        suspect = List.copyOf(suspect);
    }

    public List<Notice> notices() {
        return changes.stream().flatMap(change -> change.notices().stream()).toList();
    }
}
