package org.kawamori.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.alert.Notifier.DeliveryException;

/**
 * The receiver's own word on when to try again (HTTP {@code Retry-After}), carried as the cause of a
 * retryable {@link DeliveryException} so that the dispatcher waits at least that long.
 */
public final class RetryAfter extends Exception {

    private final Duration delay;

    public RetryAfter(Duration delay) {
        super("retry after " + delay, null, false, false);
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    public Duration delay() {
        return delay;
    }

    /** The delay a failure asks for, looking through its causes. */
    public static Optional<Duration> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryAfter hint) {
                return Optional.of(hint.delay);
            }
        }
        return Optional.empty();
    }
}
