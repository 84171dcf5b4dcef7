package org.kawamori.routing;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The commit step of a route, asynchronous: the rows go to the store's batched writer and the
 * exchange waits for the commit without holding a thread. When the store answers, the route
 * continues on a routing worker (never on the writer's own thread, which must go on writing).
 *
 * <pre>
 *  worker ── rows ──► store.submit ──► (writer batches many messages into one transaction)
 *    │ returns at once                         │ committed / unavailable / refused
 *    ▼                                         ▼
 *  free for the next message        unavailable: StoreRetry tries again after a wait, no thread held
 *                                   routing worker: on(exchange, fresh) or the failure on the
 *                                   exchange (error handling: dead-letter, or unacknowledged) → next
 * </pre>
 */
final class Committing extends AsyncProcessorSupport {

    private final Function<Exchange, CompletionStage<Integer>> commit;
    private final ObjIntConsumer<Exchange> committed;
    private final StoreRetry retry;
    private final Executor continuation;

    /**
     * @param commit starts the commit of the exchange's rows
     * @param committed what to do once they are committed, with the number of new rows
     * @param retry how a commit the store could not take is tried again
     * @param continuation where the route goes on
     */
    Committing(
            Function<Exchange, CompletionStage<Integer>> commit,
            ObjIntConsumer<Exchange> committed,
            StoreRetry retry,
            Executor continuation) {
        this.commit = commit;
        this.committed = committed;
        this.retry = retry;
        this.continuation = continuation;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CompletionStage<Integer> stage = retry.run(() -> commit.apply(exchange));
        if (stage.toCompletableFuture().isDone()) {
            finish(exchange, stage);
            callback.done(true);
            return true;
        }
        stage.whenCompleteAsync(
                (fresh, failure) -> {
                    finish(exchange, stage);
                    callback.done(false);
                },
                continuation);
        return false;
    }

    private void finish(Exchange exchange, CompletionStage<Integer> stage) {
        try {
            committed.accept(exchange, stage.toCompletableFuture().get());
        } catch (ExecutionException | CompletionException e) {
            exchange.setException(unwrap(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
