package org.kawamori.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One transition of one alert: the alert after it and the notices it yields (none for a silent
 * transition, such as the end of a gate pass). {@code after.sequence()} is the transition's number.
 */
public record AlertChange(AlertRecord after, AlertTransition transition, Instant at, List<Notice> notices) {

    public AlertChange {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(at, "at");
        notices = List.copyOf(notices);
    }

    public long alertId() {
        return after.id();
    }
}
