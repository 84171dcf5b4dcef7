package org.kawamori.core.ingest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as a transport received it, before anything is trusted: where it came in, whom it claims
 * to come from, its bytes, its media type and, where the transport authenticated the sender (an MQTT
 * user of the embedded broker, a DTLS identity), that identity.
 */
public record InboundMessage(
        Transport transport,
        String channel,
        DeviceAddress address,
        byte[] payload,
        String contentType,
        Optional<String> authenticatedAs,
        Instant receivedAt) {

    public static final String SENML_JSON = "application/senml+json";
    public static final String SENML_CBOR = "application/senml+cbor";

    public InboundMessage {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(authenticatedAs, "authenticatedAs");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    @Override
    public String toString() {
        return "InboundMessage[" + transport + " " + channel + ", " + payload.length + " bytes]";
    }
}
