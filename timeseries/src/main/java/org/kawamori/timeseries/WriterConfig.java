package org.kawamori.timeseries;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link BatchedWriter}. Every setting has its default right here.
 *
 * @param maxBatchRows a batch is written once it holds this many rows (default {@value
 *     #DEFAULT_MAX_BATCH_ROWS}); one message is never split, so a batch may exceed it by one message
 * @param maxDelay a batch is written at the latest this long after its first message arrived (default
 *     10 ms): the most a message waits for others to share its transaction
 * @param maxQueuedRows rows that may wait for the database (default {@value #DEFAULT_MAX_QUEUED_ROWS});
 *     beyond it a submitting transport thread waits, which slows ingest down instead of filling memory
 * @param queueTimeout how long a submitter waits for room before it is told the store is unavailable
 *     (default 5 s)
 * @param commitTimeout how long a message may wait for its commit while the database is down (default
 *     10 s); then it fails as unavailable and its transport does not acknowledge it
 * @param retryDelay first pause after a failed write, doubled after each further failure (default
 *     100 ms)
 * @param maxRetryDelay the longest pause between attempts (default 2 s)
 */
public record WriterConfig(
        int maxBatchRows,
        Duration maxDelay,
        int maxQueuedRows,
        Duration queueTimeout,
        Duration commitTimeout,
        Duration retryDelay,
        Duration maxRetryDelay) {

    public static final int DEFAULT_MAX_BATCH_ROWS = 5_000;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(10);
    public static final int DEFAULT_MAX_QUEUED_ROWS = 100_000;
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(2);

    public WriterConfig {
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("maxBatchRows must be at least 1: " + maxBatchRows);
        }
        if (maxQueuedRows < maxBatchRows) {
            throw new IllegalArgumentException("maxQueuedRows must be at least maxBatchRows: " + maxQueuedRows);
        }
        if (maxDelay.isNegative() || queueTimeout.isNegative()) {
            throw new IllegalArgumentException("maxDelay and queueTimeout must not be negative");
        }
        if (commitTimeout.isNegative() || commitTimeout.isZero()) {
            throw new IllegalArgumentException("commitTimeout must be positive: " + commitTimeout);
        }
        if (retryDelay.isNegative() || retryDelay.isZero() || maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("retryDelay must be positive and at most maxRetryDelay");
        }
    }

    public static WriterConfig defaults() {
        return new WriterConfig(
                DEFAULT_MAX_BATCH_ROWS,
                DEFAULT_MAX_DELAY,
                DEFAULT_MAX_QUEUED_ROWS,
                DEFAULT_QUEUE_TIMEOUT,
                DEFAULT_COMMIT_TIMEOUT,
                DEFAULT_RETRY_DELAY,
                DEFAULT_MAX_RETRY_DELAY);
    }

    public WriterConfig withMaxBatchRows(int rows) {
        return new WriterConfig(
                rows, maxDelay, Math.max(rows, maxQueuedRows), queueTimeout, commitTimeout, retryDelay, maxRetryDelay);
    }

    public WriterConfig withMaxQueuedRows(int rows) {
        return new WriterConfig(maxBatchRows, maxDelay, rows, queueTimeout, commitTimeout, retryDelay, maxRetryDelay);
    }

    public WriterConfig withQueueTimeout(Duration timeout) {
        return new WriterConfig(
                maxBatchRows, maxDelay, maxQueuedRows, timeout, commitTimeout, retryDelay, maxRetryDelay);
    }

    public WriterConfig withCommitTimeout(Duration timeout) {
        return new WriterConfig(
                maxBatchRows, maxDelay, maxQueuedRows, queueTimeout, timeout, retryDelay, maxRetryDelay);
    }

    public WriterConfig withMaxDelay(Duration delay) {
        return new WriterConfig(
                maxBatchRows, delay, maxQueuedRows, queueTimeout, commitTimeout, retryDelay, maxRetryDelay);
    }
}
