package org.kawamori.routing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.camel.Exchange;
import org.kawamori.core.Detection;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.port.DetectionSink;

/**
 * Fifth step of a detection batch: commit the detections; only then may the transport acknowledge.
 * The answer counts what the batch carried, not what was stored: a gateway must not learn which of
 * the tags it heard are registered.
 */
final class CommitDetections {

    private CommitDetections() {}

    static Committing step(DetectionSink sink, IngestCounters counters, StoreRetry retry, Executor continuation) {
        return new Committing(
                exchange -> {
                    List<Detection> detections = detections(exchange);
                    return detections.isEmpty() ? CompletableFuture.completedFuture(0) : sink.submit(detections);
                },
                (exchange, fresh) -> {
                    counters.detectionsAccepted(detections(exchange).size(), fresh);
                    exchange.getMessage()
                            .setBody(new IngestResult.Accepted(
                                    exchange.getProperty(ExchangeKeys.BATCH_SIZE, Integer.class)));
                },
                retry,
                continuation);
    }

    @SuppressWarnings("unchecked")
    private static List<Detection> detections(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.DETECTIONS, List.class);
    }
}
