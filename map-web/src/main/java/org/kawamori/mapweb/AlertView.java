package org.kawamori.mapweb;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kawamori.core.alert.AlertQueries.TransitionRecord;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertTransition;

/**
 * Who sees which alert through {@code /api/v1/alerts}, decided here on the server (the store returns
 * everything). Rules are listed, not excluded: a rule this module does not know is shown to nobody.
 * Tag rules ({@code gate-pass}, {@code not-seen}, {@code near-flood}, {@code lost-mode}) belong to
 * families and are never shown by this API.
 */
enum AlertView {
    /** Residents: flood and device health, without the officers' traces. */
    PUBLIC(Set.of("river-stage", "inundation", "offline")),
    /** A bearer-token holder (issue 6: an officer of one municipality). */
    OFFICERS(Set.of(
            "river-stage",
            "inundation",
            "offline",
            "rate-of-rise",
            "battery-low",
            "suspect-value",
            "upstream-warning"));

    /** Who acknowledged: an officer's login, kept from the public. */
    static final String ACKNOWLEDGED_BY = "acknowledged-by";

    private final Set<String> rules;

    AlertView(Set<String> rules) {
        this.rules = rules;
    }

    boolean shows(String rule) {
        return rules.contains(rule);
    }

    boolean shows(AlertRecord alert) {
        return shows(alert.alert().rule());
    }

    /**
     * The public map hears of changes of state only (no reminders, no acknowledgements), as the
     * engine's public notices; officers see every transition.
     */
    boolean shows(TransitionRecord transition) {
        return this == OFFICERS
                || (transition.transition() != AlertTransition.REMINDER
                        && transition.transition() != AlertTransition.ACKNOWLEDGED);
    }

    /** The facts this view may read, sorted by key: never an engine key ({@code _…}). */
    Map<String, String> facts(Map<String, String> facts) {
        Map<String, String> shown = new TreeMap<>();
        facts.forEach((key, value) -> {
            if (!key.startsWith("_") && (this == OFFICERS || !key.equals(ACKNOWLEDGED_BY))) {
                shown.put(key, value);
            }
        });
        return shown;
    }
}
