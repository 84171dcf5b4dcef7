package org.kawamori.timeseries;

import java.time.Duration;
import java.util.Objects;

/**
 * How long data is kept. Readings are kept forever (compressed in TimescaleDB mode); detections are
 * personal data with a short retention; dead letters are kept for operators a while longer.
 *
 * @param detections how long a tag detection is kept after its time (default {@value
 *     #DEFAULT_DETECTION_DAYS} days); older ones are deleted for good
 * @param deadLetters how long a refused message is kept after its reception, and a notice a channel
 *     gave up on after that (default {@value
 *     #DEFAULT_DEAD_LETTER_DAYS} days)
 * @param batchSize rows the application's purge deletes per transaction (default {@value
 *     #DEFAULT_BATCH_SIZE}), so that a large purge never holds long locks
 */
public record RetentionConfig(Duration detections, Duration deadLetters, int batchSize) {

    public static final int DEFAULT_DETECTION_DAYS = 30;
    public static final int DEFAULT_DEAD_LETTER_DAYS = 90;
    public static final int DEFAULT_BATCH_SIZE = 10_000;

    public RetentionConfig {
        Objects.requireNonNull(detections, "detections");
        Objects.requireNonNull(deadLetters, "deadLetters");
        if (detections.isNegative() || detections.isZero()) {
            throw new IllegalArgumentException("detection retention must be positive: " + detections);
        }
        if (deadLetters.isNegative() || deadLetters.isZero()) {
            throw new IllegalArgumentException("dead-letter retention must be positive: " + deadLetters);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
    }

    /** Detections 30 days, dead letters 90 days, readings forever. */
    public static RetentionConfig defaults() {
        return new RetentionConfig(
                Duration.ofDays(DEFAULT_DETECTION_DAYS), Duration.ofDays(DEFAULT_DEAD_LETTER_DAYS), DEFAULT_BATCH_SIZE);
    }

    public RetentionConfig withDetections(Duration retention) {
        return new RetentionConfig(retention, deadLetters, batchSize);
    }

    public RetentionConfig withDeadLetters(Duration retention) {
        return new RetentionConfig(detections, retention, batchSize);
    }

    public RetentionConfig withBatchSize(int size) {
        return new RetentionConfig(detections, deadLetters, size);
    }
}
