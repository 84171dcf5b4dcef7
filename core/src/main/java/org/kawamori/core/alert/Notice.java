package org.kawamori.core.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.kawamori.core.Alert;

/**
 * One thing to tell one audience about one alert transition. This is what every notification
 * channel (webhook, MQTT, SSE, mail) delivers.
 *
 * @param key idempotency key, stable across retries, restarts and instances: receivers drop a notice
 *     whose key they have seen. Built from the alert id and the transition's sequence number.
 * @param alertId the alert's id in the store
 * @param transition what happened
 * @param severity the alert's severity after the transition
 * @param rule the rule's stable code, e.g. {@code river-stage}, {@code gate-pass}
 * @param audience who may read it; channels deliver it to that audience only
 * @param at when the transition happened
 * @param titleJa a one-line text in Japanese (the default language)
 * @param titleEn the same in English
 * @param facts the machine-readable details (station, stage, level, place…); for a family audience it
 *     may hold that family's personal data, for any other audience it never does
 */
public record Notice(
        String key,
        long alertId,
        AlertTransition transition,
        Alert.Severity severity,
        String rule,
        Audience audience,
        Instant at,
        String titleJa,
        String titleEn,
        Map<String, String> facts) {

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(titleJa, "titleJa");
        Objects.requireNonNull(titleEn, "titleEn");
        facts = Map.copyOf(facts);
    }

    /** The idempotency key of the {@code sequence}-th transition of alert {@code alertId}. */
    public static String keyOf(long alertId, int sequence) {
        return "alert-" + alertId + "-" + sequence;
    }

    /** The same notice with other facts (a channel showing its audience fewer of them). */
    public Notice withFacts(Map<String, String> shown) {
        return new Notice(key, alertId, transition, severity, rule, audience, at, titleJa, titleEn, shown);
    }

    @Override
    public String toString() {
        // facts and titles may hold a family's personal data
        return "Notice[" + key + " " + rule + " " + transition + " " + severity + "]";
    }
}
