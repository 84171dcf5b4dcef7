package org.kawamori.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;

/**
 * Reading alerts and their history, for the API. The store returns what it holds; deciding who may
 * see which alert (the public map only flood rules, officers their municipality, a family its own
 * tags) is the caller's job, on the server.
 */
public interface AlertQueries {

    /** Alerts that are not cleared, the most recently changed first; of one municipality, or all. */
    List<AlertRecord> active(Optional<MunicipalityCode> municipality);

    /** One alert, in whatever state. */
    Optional<AlertRecord> find(long alertId);

    /** One alert's transitions, oldest first. */
    List<TransitionRecord> transitions(long alertId);

    /**
     * Alerts that changed within {@code [from, to)}, the most recently changed first.
     *
     * @param beforeId for the next page: only alerts with a smaller id than this one's position
     *     (keyset pagination on (changed_at, id)); empty for the first page
     */
    List<AlertRecord> changedBetween(
            Optional<MunicipalityCode> municipality, Instant from, Instant to, int limit, Optional<Long> beforeId);

    /**
     * One transition of one alert as kept in the history.
     *
     * @param facts the facts its notices carried (no engine keys)
     */
    record TransitionRecord(
            long alertId,
            int sequence,
            AlertTransition transition,
            Alert.Severity severity,
            Alert.State state,
            int level,
            Instant at,
            Map<String, String> facts) {

        public TransitionRecord {
            facts = Map.copyOf(facts);
        }

        @Override
        public String toString() {
            return "TransitionRecord[" + alertId + "#" + sequence + " " + transition + "]";
        }
    }
}
