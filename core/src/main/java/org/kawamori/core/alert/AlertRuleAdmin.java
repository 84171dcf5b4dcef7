package org.kawamori.core.alert;

import java.util.Map;
import java.util.Set;

/**
 * Editing the alert settings through the API: checked against the rule engine's keys and types,
 * stored, and in effect from the next evaluation. Served by the composition root.
 */
public interface AlertRuleAdmin {

    /** The shipped defaults, key by key. */
    Map<String, String> defaults();

    /** The settings stored over the defaults. */
    Map<String, String> stored();

    /**
     * Sets and removes settings, all or none.
     *
     * @throws InvalidRuleException naming every key that is unknown or whose value does not parse
     */
    void update(Map<String, String> put, Set<String> remove, String by);

    /** Refused settings, each with its reason; the message is safe to show to the administrator. */
    final class InvalidRuleException extends RuntimeException {
        private final Map<String, String> problems;

        public InvalidRuleException(Map<String, String> problems) {
            super("invalid alert settings: " + problems, null, false, false);
            this.problems = Map.copyOf(problems);
        }

        public Map<String, String> problems() {
            return problems;
        }
    }
}
