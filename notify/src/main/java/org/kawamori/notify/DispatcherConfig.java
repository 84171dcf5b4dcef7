package org.kawamori.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link NoticeDispatcher}; each key has its default right below it.
 *
 * @param attempts deliveries tried per notice and channel before the notice is dead-lettered
 * @param firstDelay pause after the first retryable failure, doubled after each further one
 * @param maxDelay the longest pause between two attempts, also the most a {@code Retry-After} is honoured
 * @param queueCapacity notices one channel may hold (waiting, being delivered or waiting for a retry);
 *     a notice beyond it is dead-lettered for that channel at once, the other channels still get it
 * @param drainTimeout how long {@link NoticeDispatcher#close()} waits for the channels to finish;
 *     what is left then is dead-lettered
 */
public record DispatcherConfig(
        int attempts, Duration firstDelay, Duration maxDelay, int queueCapacity, Duration drainTimeout) {

    public static final String ATTEMPTS = "notify.dispatch.attempts";
    public static final int DEFAULT_ATTEMPTS = 6;
    public static final String FIRST_DELAY = "notify.dispatch.first-delay";
    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(1);
    public static final String MAX_DELAY = "notify.dispatch.max-delay";
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
    public static final String QUEUE_CAPACITY = "notify.dispatch.queue-capacity";
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final String DRAIN_TIMEOUT = "notify.dispatch.drain-timeout";
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    public DispatcherConfig {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (attempts < 1) {
            throw new IllegalArgumentException(ATTEMPTS + " must be at least 1");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(FIRST_DELAY + " must not be negative nor above " + MAX_DELAY);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(QUEUE_CAPACITY + " must be at least 1");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException(DRAIN_TIMEOUT + " must not be negative");
        }
    }

    public static DispatcherConfig defaults() {
        return from(ConfigValues.of(java.util.Map.of()));
    }

    public static DispatcherConfig from(ConfigValues values) {
        return new DispatcherConfig(
                values.integer(ATTEMPTS, DEFAULT_ATTEMPTS),
                values.duration(FIRST_DELAY, DEFAULT_FIRST_DELAY),
                values.duration(MAX_DELAY, DEFAULT_MAX_DELAY),
                values.integer(QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY),
                values.duration(DRAIN_TIMEOUT, DEFAULT_DRAIN_TIMEOUT));
    }

    public DispatcherConfig withRetries(int attempts, Duration firstDelay, Duration maxDelay) {
        return new DispatcherConfig(attempts, firstDelay, maxDelay, queueCapacity, drainTimeout);
    }

    public DispatcherConfig withQueueCapacity(int capacity) {
        return new DispatcherConfig(attempts, firstDelay, maxDelay, capacity, drainTimeout);
    }

    public DispatcherConfig withDrainTimeout(Duration timeout) {
        return new DispatcherConfig(attempts, firstDelay, maxDelay, queueCapacity, timeout);
    }

    /** The pause after the {@code failures}-th failed attempt, at least {@code retryAfter} up to the maximum. */
    public Duration delayAfter(int failures, java.util.Optional<Duration> retryAfter) {
        Duration backoff = firstDelay;
        for (int i = 1; i < failures && backoff.compareTo(maxDelay) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        Duration asked =
                retryAfter.map(d -> d.compareTo(maxDelay) > 0 ? maxDelay : d).orElse(Duration.ZERO);
        Duration delay = backoff.compareTo(asked) < 0 ? asked : backoff;
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
