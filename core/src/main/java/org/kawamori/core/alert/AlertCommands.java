package org.kawamori.core.alert;

import java.time.Instant;
import java.util.Optional;

/** What people do to alerts through the API; served by the rule engine, which records and notifies. */
public interface AlertCommands {

    /**
     * Acknowledges an open alert. Acknowledging it again, or an alert that is already acknowledged,
     * changes nothing.
     *
     * @param by who acknowledged it (an officer's or family member's login), kept in the history
     * @return the alert after it, or empty when there is no active alert with this id
     */
    Optional<AlertRecord> acknowledge(long alertId, String by, Instant at);
}
