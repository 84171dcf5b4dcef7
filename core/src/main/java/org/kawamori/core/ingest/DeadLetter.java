package org.kawamori.core.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** A refused message as kept for operators: where it came from, why it was refused, and the first bytes of it. */
public record DeadLetter(
        Instant receivedAt,
        Transport transport,
        String channel,
        String claimedDevice,
        RejectionReason reason,
        String detail,
        byte[] payloadPrefix,
        int payloadSize) {

    /** How many bytes of a refused payload are kept. */
    public static final int KEPT_PAYLOAD_BYTES = 1024;

    public DeadLetter {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(payloadPrefix, "payloadPrefix");
    }

    public static DeadLetter of(InboundMessage message, RejectionReason reason, String detail) {
        byte[] payload = message.payload();
        String claimed = null;
        if (message.address() instanceof DeviceAddress.Addressed a) {
            claimed = a.device().value();
        } else if (message.address() instanceof DeviceAddress.GatewayBatch g) {
            claimed = g.gateway().value();
        }
        return new DeadLetter(
                message.receivedAt(),
                message.transport(),
                truncate(message.channel(), 256),
                claimed,
                reason,
                truncate(detail, 500),
                Arrays.copyOf(payload, Math.min(payload.length, KEPT_PAYLOAD_BYTES)),
                payload.length);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
