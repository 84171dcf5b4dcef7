package org.kawamori.core.alert;

/**
 * A notification channel (webhook, MQTT, SSE, mail). The dispatcher calls {@link #deliver} on the
 * channel's own worker, so a slow or failing channel never holds up another one; it retries a
 * retryable failure with back-off and dead-letters the notice after the channel's last attempt.
 */
public interface Notifier {

    /** The channel's stable name, e.g. {@code webhook}; used in metrics, logs and the dead-letter. */
    String channel();

    /** Whether this channel has somewhere to send this notice (a subscriber for its audience). */
    boolean accepts(Notice notice);

    /**
     * Delivers the notice, blocking until the receiver took it.
     *
     * @throws DeliveryException when it could not be delivered; {@link DeliveryException#retryable()}
     *     tells whether trying again may help
     */
    void deliver(Notice notice) throws DeliveryException;

    /** Why a notice was not delivered. Messages never contain personal data. */
    final class DeliveryException extends Exception {
        private final boolean retryable;

        public DeliveryException(String message, boolean retryable) {
            super(message, null, false, false);
            this.retryable = retryable;
        }

        public DeliveryException(String message, boolean retryable, Throwable cause) {
            super(message, cause, false, false);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
