package org.kawamori.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.port.InboundPipeline;

/**
 * The {@link InboundPipeline} port served by the Camel routes: gateway batches go to the detection
 * route, everything else to the sensor ingest route.
 */
public final class CamelInboundPipeline implements InboundPipeline {

    private final ProducerTemplate producer;

    public CamelInboundPipeline(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public CompletionStage<IngestResult> accept(InboundMessage message) {
        String route = message.address() instanceof DeviceAddress.GatewayBatch
                ? DetectionRoutes.ENDPOINT
                : IngestRoutes.ENDPOINT;
        CompletableFuture<Object> reply = producer.asyncRequestBody(route, message);
        return reply.handle((body, failure) -> {
            if (failure != null) {
                throw new CompletionException(unwrap(failure));
            }
            if (body instanceof IngestResult result) {
                return result;
            }
            throw new IllegalStateException("the ingest route answered " + body);
        });
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof CamelExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
