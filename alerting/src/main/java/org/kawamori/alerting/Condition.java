package org.kawamori.alerting;

import java.util.Map;
import java.util.Objects;
import org.kawamori.core.Alert.Severity;

/**
 * What a rule finds about its subject right now: the level the alert should be at (0: no alert),
 * its severity, its wording and its facts. Rules only compute conditions; {@link AlertBook} turns a
 * change of condition into a transition.
 */
record Condition(int level, Severity severity, Wording wording, Map<String, String> facts) {

    Condition {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(wording, "wording");
        facts = Map.copyOf(facts);
        if (level < 0) {
            throw new IllegalArgumentException("level must not be negative");
        }
    }

    static Condition active(int level, Severity severity, Wording wording, Map<String, String> facts) {
        return new Condition(level, severity, wording, facts);
    }

    /** No alert; the facts say what ended it (they go into the CLEARED notice). */
    static Condition inactive(Wording wording, Map<String, String> facts) {
        return new Condition(0, Severity.INFO, wording, facts);
    }

    boolean isActive() {
        return level > 0;
    }
}
