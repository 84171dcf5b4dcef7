package org.kawamori.routing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a commit that the store could not take ({@link StoreUnavailableException}) with
 * exponential back-off, holding no thread while it waits; after the last retry the failure stands,
 * and the transport withholds its acknowledgement so that the message comes again later.
 *
 * <pre>
 *  attempt 0 ──unavailable──► wait d ──► attempt 1 ──unavailable──► wait 2d ──► … attempt n ──► fails
 *      └──committed / refused for good──► the answer, at once
 * </pre>
 *
 * <p>This was Camel redelivery on the route's error handler. A redelivering error handler copies
 * every exchange before each step in case it has to start over; in {@code bench suite} those copies
 * were 5 % of the routing workers' time for a case that happens only during an outage.
 */
final class StoreRetry {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRetry.class);

    private final int retries;
    private final Duration firstDelay;
    private final Executor continuation;

    /**
     * @param retries how often a failed commit is tried again
     * @param firstDelay the wait before the first retry, doubled before each further one
     * @param continuation where a retry runs once its wait is over
     */
    StoreRetry(int retries, Duration firstDelay, Executor continuation) {
        this.retries = retries;
        this.firstDelay = firstDelay;
        this.continuation = continuation;
    }

    static StoreRetry of(RoutingConfig config, Executor continuation) {
        return new StoreRetry(config.storeRetries(), config.storeRetryDelay(), continuation);
    }

    /** Runs {@code commit}, and again after a wait each time the store is unavailable. */
    <T> CompletionStage<T> run(Supplier<CompletionStage<T>> commit) {
        return attempt(commit, 0);
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletionStage<T>> commit, int retry) {
        CompletableFuture<T> stage;
        try {
            stage = commit.get().toCompletableFuture();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage.isDone() && !stage.isCompletedExceptionally()) {
            return stage;
        }
        return stage.exceptionallyCompose(failure -> {
            boolean unavailable = Committing.unwrap(failure) instanceof StoreUnavailableException;
            if (!unavailable || retry >= retries) {
                if (unavailable && retry > 0) {
                    LOG.warn(
                            "the store is still unavailable after {} retries; the message is left for the transport",
                            retry);
                }
                return CompletableFuture.failedFuture(failure);
            }
            long wait = firstDelay.toMillis() << retry;
            LOG.debug("the store is unavailable; retry {} of {} in {} ms", retry + 1, retries, wait);
            Executor later = CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS, continuation);
            return CompletableFuture.supplyAsync(() -> attempt(commit, retry + 1), later)
                    .thenCompose(next -> next);
        });
    }
}
