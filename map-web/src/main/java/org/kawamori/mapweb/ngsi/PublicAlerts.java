package org.kawamori.mapweb.ngsi;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.kawamori.core.alert.AlertRecord;

/**
 * What the public may see of the alerts: the same decision as the public map's alert API (its public
 * view), handed in by the server so that there is one list of public rules and one filter of facts.
 *
 * @param shown whether the public sees an alert (by its rule: never a tag rule, never an unknown one)
 * @param facts the facts of a shown alert that the public may read (no engine keys, no officer's name)
 */
public record PublicAlerts(Predicate<AlertRecord> shown, UnaryOperator<Map<String, String>> facts) {

    public PublicAlerts {
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(facts, "facts");
    }
}
