package org.kawamori.alerting.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * Tell the family when the tag passes a place. One pass is one notice: the pass lasts while the tag is
 * sighted there, and ends once it has not been sighted there for {@code debounce} (a child waiting at
 * the gate for ten minutes is one pass), or at once when it is sighted at another watched place.
 */
public record GatePassRule(Place place, Duration debounce) {

    public static final Setting<Duration> DEBOUNCE = Setting.duration("gate-pass.debounce", Duration.ofMinutes(10));

    public GatePassRule {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(debounce, "debounce");
    }

    public static GatePassRule of(Place place, Settings settings) {
        return new GatePassRule(place, settings.get(DEBOUNCE));
    }
}
