package org.kawamori.core.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * Keeps the notices a channel gave up on, for operators to look at and to send again by hand. A
 * letter names the notice and the channel and says why; it holds no personal data (no titles, no
 * facts, no family), so it may be kept longer than the notice itself.
 */
public interface NoticeDeadLetters {

    /** Records one notice that one channel could not deliver. Called from the channel's worker. */
    void record(Letter letter);

    /**
     * One notice one channel gave up on.
     *
     * @param key the notice's idempotency key
     * @param alertId the alert the notice is about
     * @param rule the rule's stable code
     * @param transition what the notice said happened
     * @param channel the channel that gave up, e.g. {@code webhook}
     * @param reason why, without personal data (a status code, an error class), at most {@value
     *     #MAX_REASON_LENGTH} characters
     * @param attempts how many deliveries were tried (0 when the notice never got to the channel)
     * @param at when the channel gave up
     */
    record Letter(
            String key,
            long alertId,
            String rule,
            AlertTransition transition,
            String channel,
            String reason,
            int attempts,
            Instant at) {

        public static final int MAX_REASON_LENGTH = 500;

        public Letter {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(transition, "transition");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
            if (reason.length() > MAX_REASON_LENGTH) {
                reason = reason.substring(0, MAX_REASON_LENGTH);
            }
        }

        /** The letter for {@code notice} on {@code channel}. */
        public static Letter of(Notice notice, String channel, String reason, int attempts, Instant at) {
            return new Letter(
                    notice.key(), notice.alertId(), notice.rule(), notice.transition(), channel, reason, attempts, at);
        }
    }
}
