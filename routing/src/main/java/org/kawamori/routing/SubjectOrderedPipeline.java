package org.kawamori.routing;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.port.InboundPipeline;

/**
 * Keeps each subject's messages in order while different subjects run in parallel.
 *
 * <pre>
 *  transports ──accept(m)──► subject of m (sensors:{id} | gateways:{id} | none)
 *                               │
 *        tails: subject ──► the future of its last accepted message
 *                               │  m runs on a worker once the one before it is DONE (committed,
 *                               │  published to the listeners, or failed): two readings of one
 *                               │  gauge a few ms apart never race each other through the alert rules
 *                               ▼
 *                        next.accept(m) on a routing worker ──► the Camel routes
 * </pre>
 *
 * A message whose address names no device has no subject and runs at once. A failed message does
 * not hold up the ones behind it: they run in order after it, whatever became of it. The map of
 * tails holds only subjects with a message in flight; the last one to finish removes its entry.
 */
public final class SubjectOrderedPipeline implements InboundPipeline {

    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final InboundPipeline next;
    private final Executor workers;
    private final ConcurrentHashMap<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    public SubjectOrderedPipeline(InboundPipeline next, Executor workers) {
        this.next = Objects.requireNonNull(next, "next");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    @Override
    public CompletionStage<IngestResult> accept(InboundMessage message) {
        Optional<String> subject = subjectOf(message.address());
        if (subject.isEmpty()) {
            return IDLE.thenComposeAsync(ignored -> next.accept(message), workers);
        }
        CompletableFuture<IngestResult> mine = new CompletableFuture<>();
        CompletableFuture<?> before = tails.put(subject.get(), mine);
        CompletableFuture<?> after = before == null ? IDLE : before;
        // run after the previous message whatever its outcome; failures belong to that message only
        after.handle((result, failure) -> null)
                .thenComposeAsync(ignored -> next.accept(message), workers)
                .whenComplete((result, failure) -> {
                    tails.remove(subject.get(), mine);
                    if (failure != null) {
                        mine.completeExceptionally(failure);
                    } else {
                        mine.complete(result);
                    }
                });
        return mine;
    }

    /** Subjects with a message in flight (for tests and metrics). */
    public int subjectsInFlight() {
        return tails.size();
    }

    static Optional<String> subjectOf(DeviceAddress address) {
        if (address instanceof DeviceAddress.Addressed a) {
            return Optional.of("sensors:" + a.device().value());
        }
        if (address instanceof DeviceAddress.GatewayBatch g) {
            return Optional.of("gateways:" + g.gateway().value());
        }
        return Optional.empty();
    }
}
