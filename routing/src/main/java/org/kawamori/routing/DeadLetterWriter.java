package org.kawamori.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.ingest.DeadLetter;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.MessageRejectedException;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.port.DeadLetterStore;
import org.kawamori.core.port.StoreRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a refused message: one WARN line with transport, channel, reason code and detail (never the
 * payload), a row in the dead-letter, a count, and {@link IngestResult.Rejected} as the route's answer.
 * An unexpected failure of a step is handled the same way under {@code processing-failed}, with its
 * stack trace, so that one poisonous message can never block a device's stream.
 */
final class DeadLetterWriter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("org.kawamori.ingest.rejected");

    private final DeadLetterStore store;
    private final IngestCounters counters;

    DeadLetterWriter(DeadLetterStore store, IngestCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        InboundMessage message = exchange.getProperty(ExchangeKeys.MESSAGE, InboundMessage.class);
        if (message == null) {
            message = exchange.getIn().getBody(InboundMessage.class);
        }
        RejectionReason reason;
        String detail;
        if (cause instanceof MessageRejectedException rejected) {
            reason = rejected.reason();
            detail = rejected.detail();
            LOG.warn(
                    "rejected {} message on {}: {} - {}",
                    message.transport(),
                    Sanitize.forLog(message.channel()),
                    reason.code(),
                    Sanitize.forLog(detail));
        } else if (cause instanceof StoreRefusedException refused) {
            reason = RejectionReason.PROCESSING_FAILED;
            detail = refused.getMessage();
            LOG.warn(
                    "the store refused {} message on {}; kept in the dead-letter as {}: {}",
                    message.transport(),
                    Sanitize.forLog(message.channel()),
                    reason.code(),
                    Sanitize.forLog(detail));
        } else {
            reason = RejectionReason.PROCESSING_FAILED;
            detail = cause == null ? "unknown failure" : cause.getClass().getSimpleName();
            LOG.error(
                    "failed on {} message on {}; kept in the dead-letter as {}",
                    message.transport(),
                    Sanitize.forLog(message.channel()),
                    reason.code(),
                    cause);
        }
        store.record(DeadLetter.of(message, reason, detail));
        counters.countRejected(reason);
        exchange.getMessage().setBody(new IngestResult.Rejected(reason, detail));
    }
}
