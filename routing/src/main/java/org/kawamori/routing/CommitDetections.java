package org.kawamori.routing;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.Detection;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.port.DetectionSink;

/**
 * Fifth step of a detection batch: commit the detections; only then may the transport acknowledge.
 * The answer counts what the batch carried, not what was stored: a gateway must not learn which of
 * the tags it heard are registered.
 */
final class CommitDetections implements Processor {

    private final DetectionSink sink;
    private final IngestCounters counters;

    CommitDetections(DetectionSink sink, IngestCounters counters) {
        this.sink = sink;
        this.counters = counters;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        List<Detection> detections = exchange.getProperty(ExchangeKeys.DETECTIONS, List.class);
        int fresh = detections.isEmpty() ? 0 : sink.append(detections);
        counters.detectionsAccepted(detections.size(), fresh);
        exchange.getMessage()
                .setBody(new IngestResult.Accepted(exchange.getProperty(ExchangeKeys.BATCH_SIZE, Integer.class)));
    }
}
