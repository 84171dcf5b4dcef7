package org.kawamori.routing.gateway;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.TagId;

/**
 * A decoded detection batch of one gateway (format: docs/gateway-batch.md).
 *
 * @param claimedGateway the gateway the batch names itself, if it does
 * @param position the batch's position (moving gateways), applying to detections without their own
 */
public record GatewayBatch(Optional<String> claimedGateway, Optional<Located> position, List<Heard> detections) {

    public GatewayBatch {
        Objects.requireNonNull(claimedGateway, "claimedGateway");
        Objects.requireNonNull(position, "position");
        detections = List.copyOf(detections);
    }

    /** A position with its accuracy in metres (NaN: not given). */
    public record Located(GeoPoint point, double accuracyMetres) {}

    /** What was heard: a tag id, or raw advertisement bytes to be parsed. Never printed. */
    public sealed interface Heard {
        Instant time();

        int rssi();

        Optional<Located> position();
    }

    public record HeardTag(TagId tag, Instant time, int rssi, Optional<Located> position) implements Heard {
        @Override
        public String toString() {
            return "HeardTag[redacted]";
        }
    }

    public record HeardAdvertisement(String advertisementHex, Instant time, int rssi, Optional<Located> position)
            implements Heard {
        public HeardAdvertisement {
            HexFormat.of().parseHex(advertisementHex);
        }

        @Override
        public String toString() {
            return "HeardAdvertisement[redacted]";
        }
    }
}
