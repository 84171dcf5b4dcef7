package org.kawamori.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link BatchedWriter} has done since it started.
 *
 * @param queuedRows rows waiting for the database now
 * @param batches transactions committed
 * @param rows rows committed (new and already stored)
 * @param freshRows rows that were new
 * @param failedAttempts writes that failed because the database was unavailable (each is retried)
 * @param refused messages refused by the database (dead-lettered by the caller)
 * @param expired messages that waited longer than the commit timeout (not acknowledged; redelivered)
 * @param queueFull submissions turned away because the queue stayed full
 * @param failingSince when the current run of failed attempts began; empty while writes succeed
 * @param lastFailure the reason of the last failed attempt, without data
 * @param lag how long the oldest message not yet committed has waited (in the queue or in the batch
 *     being written); zero when nothing waits
 */
public record WriterStats(
        long queuedRows,
        long batches,
        long rows,
        long freshRows,
        long failedAttempts,
        long refused,
        long expired,
        long queueFull,
        Optional<Instant> failingSince,
        Optional<String> lastFailure,
        Duration lag) {}
