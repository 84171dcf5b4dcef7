package org.kawamori.routing;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.kawamori.core.ingest.MessageRejectedException;
import org.kawamori.core.port.DeadLetterStore;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Error handling of the ingest route, kept apart from the route itself:
 *
 * <ul>
 *   <li>a refusal ({@link MessageRejectedException}) is handled: dead-letter, count, answer Rejected;
 *   <li>an unavailable store, once the commit step's own retries ({@link StoreRetry}) are used up,
 *       is left unhandled, so the transport withholds its acknowledgement and the message comes
 *       again;
 *   <li>any other failure is a bug or a poisonous message: handled like a refusal under {@code
 *       processing-failed}, so it never blocks the stream.
 * </ul>
 */
public final class IngestErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "kawamori-ingest-errors";

    private final DeadLetterStore deadLetters;
    private final IngestCounters counters;

    public IngestErrorHandling(DeadLetterStore deadLetters, IngestCounters counters) {
        this.deadLetters = deadLetters;
        this.counters = counters;
    }

    @Override
    public void configuration() {
        DeadLetterWriter writer = new DeadLetterWriter(deadLetters, counters);
        RouteConfigurationDefinition errors = routeConfiguration(ID);
        errors.onException(MessageRejectedException.class).handled(true).process(writer);
        // retried in the commit step (StoreRetry) before it gets here; no Camel redelivery, whose
        // error handler would copy every exchange before each step in case it had to start over
        errors.onException(StoreUnavailableException.class)
                .handled(false)
                .maximumRedeliveries(0)
                .logExhausted(false);
        errors.onException(Exception.class).handled(true).process(writer);
    }
}
