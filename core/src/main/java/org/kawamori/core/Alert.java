package org.kawamori.core;

import java.time.Instant;
import java.util.Objects;

/** An alert on one subject (a sensor or a tag) raised by one rule. One active alert per subject and rule. */
public record Alert(
        long id,
        MunicipalityCode municipality,
        String subject,
        String rule,
        Severity severity,
        State state,
        Instant openedAt,
        Instant changedAt) {

    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    public enum State {
        OPEN,
        ACKNOWLEDGED,
        CLEARED
    }

    public Alert {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
