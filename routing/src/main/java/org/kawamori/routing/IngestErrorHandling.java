package org.kawamori.routing;

import org.apache.camel.LoggingLevel;
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
 *   <li>an unavailable store is retried with exponential back-off and then left unhandled, so the
 *       transport withholds its acknowledgement and the message comes again;
 *   <li>any other failure is a bug or a poisonous message: handled like a refusal under {@code
 *       processing-failed}, so it never blocks the stream.
 * </ul>
 */
public final class IngestErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "kawamori-ingest-errors";

    private final RoutingConfig config;
    private final DeadLetterStore deadLetters;
    private final IngestCounters counters;

    public IngestErrorHandling(RoutingConfig config, DeadLetterStore deadLetters, IngestCounters counters) {
        this.config = config;
        this.deadLetters = deadLetters;
        this.counters = counters;
    }

    @Override
    public void configuration() {
        DeadLetterWriter writer = new DeadLetterWriter(deadLetters, counters);
        RouteConfigurationDefinition errors = routeConfiguration(ID);
        errors.onException(MessageRejectedException.class).handled(true).process(writer);
        errors.onException(StoreUnavailableException.class)
                .handled(false)
                .maximumRedeliveries(config.storeRetries())
                .redeliveryDelay(config.storeRetryDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logExhausted(true)
                .logExhaustedMessageHistory(false)
                .logExhaustedMessageBody(false);
        errors.onException(Exception.class).handled(true).process(writer);
    }
}
