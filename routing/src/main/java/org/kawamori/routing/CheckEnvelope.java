package org.kawamori.routing;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.MessageRejectedException;
import org.kawamori.core.ingest.RejectionReason;

/** First step: size, emptiness and content format, before a byte of the payload is parsed. */
final class CheckEnvelope implements Processor {

    private final RoutingConfig config;
    private final Set<String> accepted;
    private final String preferred;

    /** For sensor uplinks: SenML JSON or SenML CBOR. */
    CheckEnvelope(RoutingConfig config) {
        this(
                config,
                Set.of(InboundMessage.SENML_JSON, InboundMessage.SENML_CBOR),
                InboundMessage.SENML_JSON + " or " + InboundMessage.SENML_CBOR);
    }

    /**
     * @param accepted the media types this route takes
     * @param preferred the one a refused sender is told to send
     */
    CheckEnvelope(RoutingConfig config, Set<String> accepted, String preferred) {
        this.config = config;
        this.accepted = Set.copyOf(accepted);
        this.preferred = preferred;
    }

    @Override
    public void process(Exchange exchange) {
        InboundMessage message = exchange.getIn().getBody(InboundMessage.class);
        exchange.setProperty(ExchangeKeys.MESSAGE, message);
        int size = message.payload().length;
        if (size == 0) {
            throw new MessageRejectedException(RejectionReason.EMPTY_PAYLOAD, "the payload is empty");
        }
        if (size > config.maxPayloadBytes()) {
            throw new MessageRejectedException(
                    RejectionReason.PAYLOAD_TOO_LARGE,
                    "the payload has " + size + " bytes, the limit is " + config.maxPayloadBytes());
        }
        String type = message.contentType();
        if (!accepted.contains(type)) {
            throw new MessageRejectedException(
                    RejectionReason.UNSUPPORTED_CONTENT_FORMAT,
                    "content type '" + Sanitize.forLog(type) + "' is not supported; send " + preferred);
        }
    }
}
