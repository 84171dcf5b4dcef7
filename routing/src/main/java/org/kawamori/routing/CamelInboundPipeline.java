package org.kawamori.routing;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.port.InboundPipeline;

/**
 * The {@link InboundPipeline} port served by the Camel routes: gateway batches go to the detection
 * route, everything else to the sensor ingest route. The routes are called through their {@link
 * AsyncProducer}: the steps before the commit run on the caller's thread (a routing worker), the
 * commit holds no thread, and the answer completes when the route is done — no thread waits for it
 * (a {@code ProducerTemplate}'s async methods park one of its pool's threads per message).
 */
public final class CamelInboundPipeline implements InboundPipeline, AutoCloseable {

    private final AsyncProducer sensors;
    private final AsyncProducer gateways;

    public CamelInboundPipeline(CamelContext context) {
        this.sensors = started(context.getEndpoint(IngestRoutes.ENDPOINT));
        this.gateways = started(context.getEndpoint(DetectionRoutes.ENDPOINT));
    }

    private static AsyncProducer started(Endpoint endpoint) {
        try {
            AsyncProducer producer = endpoint.createAsyncProducer();
            producer.start();
            return producer;
        } catch (Exception e) {
            throw new IllegalStateException("cannot call the route " + endpoint.getEndpointUri(), e);
        }
    }

    @Override
    public CompletionStage<IngestResult> accept(InboundMessage message) {
        AsyncProducer producer = message.address() instanceof DeviceAddress.GatewayBatch ? gateways : sensors;
        Exchange exchange = producer.getEndpoint().createExchange(ExchangePattern.InOut);
        exchange.getIn().setBody(message);
        return producer.processAsync(exchange).handle((done, failure) -> {
            Throwable problem = failure != null ? failure : exchange.getException();
            if (problem != null) {
                throw new CompletionException(unwrap(problem));
            }
            Object body = exchange.getMessage().getBody();
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

    @Override
    public void close() {
        sensors.stop();
        gateways.stop();
    }
}
