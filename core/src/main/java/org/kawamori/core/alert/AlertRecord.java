package org.kawamori.core.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.kawamori.core.Alert;

/**
 * An alert as the rule engine keeps it between evaluations, and as the {@link AlertStore} gives it
 * back at start-up so that the engine carries on where it stopped.
 *
 * @param alert the alert row: id, municipality, subject, rule, severity, state, times
 * @param level the rule's level: the river stage 1..5, the inundation depth step 1..n; 1 for rules
 *     that are only on or off
 * @param sequence how many transitions the alert has had; the latest one's notices carry the key
 *     {@code Notice.keyOf(alert.id(), sequence)}
 * @param lastNoticeAt when its audiences were last told (reminders count from here)
 * @param detail what the rule needs to carry on after a restart and what its notices say: the facts
 *     of the last transition, and engine keys starting with {@code _} (the owner, the family, the
 *     wording). For a family's alert it may hold that family's personal data: never print it.
 */
public record AlertRecord(Alert alert, int level, int sequence, Instant lastNoticeAt, Map<String, String> detail) {

    public AlertRecord {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(lastNoticeAt, "lastNoticeAt");
        if (sequence < 1) {
            throw new IllegalArgumentException("an alert has had at least one transition");
        }
        detail = Map.copyOf(detail);
    }

    public long id() {
        return alert.id();
    }

    @Override
    public String toString() {
        return "AlertRecord[" + alert.id() + " " + alert.rule() + " " + alert.state() + " level " + level + " #"
                + sequence + "]";
    }
}
