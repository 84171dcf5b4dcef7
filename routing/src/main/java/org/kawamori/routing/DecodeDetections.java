package org.kawamori.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.Gateway;
import org.kawamori.core.TagId;
import org.kawamori.core.ble.BleAdvertisement;
import org.kawamori.core.ble.BleFrame;
import org.kawamori.core.ble.MalformedAdvertisementException;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.MessageRejectedException;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.routing.gateway.GatewayBatch;
import org.kawamori.routing.gateway.GatewayBatchDecoder;
import org.kawamori.routing.gateway.GatewayBatchException;

/**
 * Third step of a detection batch: the batch JSON into heard tags. Raw advertisements are parsed
 * (iBeacon, Eddystone-UID/EID name a tag; Eddystone-TLM names none and is skipped). Each detection
 * gets a position: its own, else the batch's, else a fixed gateway's registered one with the BLE
 * hearing range as its accuracy; a moving gateway without any position is refused.
 */
final class DecodeDetections implements Processor {

    /** How far a BLE tag is heard: the accuracy of a detection placed at a fixed gateway. */
    static final double BLE_RANGE_METRES = 50;

    private final GatewayBatchDecoder decoder;
    private final Clock clock;

    DecodeDetections(RoutingConfig config, Clock clock) {
        this.decoder = new GatewayBatchDecoder(config.maxRecordsPerPack(), config.maxAge(), config.maxFutureSkew());
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        InboundMessage message = exchange.getProperty(ExchangeKeys.MESSAGE, InboundMessage.class);
        Gateway gateway = exchange.getProperty(ExchangeKeys.GATEWAY, Gateway.class);
        Instant now = clock.instant();
        GatewayBatch batch;
        try {
            batch = decoder.decode(message.payload(), now);
        } catch (GatewayBatchException e) {
            throw new MessageRejectedException(RejectionReason.MALFORMED_BATCH, e.getMessage());
        }
        if (batch.claimedGateway().isPresent()
                && !batch.claimedGateway().get().equals(gateway.id().value())) {
            throw new MessageRejectedException(
                    RejectionReason.DEVICE_MISMATCH, "the batch names another gateway than the topic or path");
        }
        List<HeardTag> heard = new ArrayList<>(batch.detections().size());
        for (int i = 0; i < batch.detections().size(); i++) {
            GatewayBatch.Heard h = batch.detections().get(i);
            int number = i + 1;
            Optional<TagId> tag = tagOf(h, number);
            if (tag.isEmpty()) {
                continue;
            }
            GatewayBatch.Located at = h.position()
                    .or(batch::position)
                    .or(() -> gateway.position().map(p -> new GatewayBatch.Located(p, BLE_RANGE_METRES)))
                    .orElseThrow(() -> new MessageRejectedException(
                            RejectionReason.MISSING_POSITION,
                            "detection " + number + " has no position and the gateway moves"));
            heard.add(new HeardTag(tag.get(), h.time(), h.rssi(), at.point(), at.accuracyMetres()));
        }
        exchange.setProperty(ExchangeKeys.HEARD, heard);
        exchange.setProperty(ExchangeKeys.BATCH_SIZE, batch.detections().size());
    }

    private static Optional<TagId> tagOf(GatewayBatch.Heard heard, int number) {
        if (heard instanceof GatewayBatch.HeardTag t) {
            return Optional.of(t.tag());
        }
        GatewayBatch.HeardAdvertisement adv = (GatewayBatch.HeardAdvertisement) heard;
        try {
            BleFrame frame = BleAdvertisement.parseHex(adv.advertisementHex());
            return frame instanceof BleFrame.Identity identity ? Optional.of(identity.tagId()) : Optional.empty();
        } catch (MalformedAdvertisementException e) {
            throw new MessageRejectedException(
                    RejectionReason.MALFORMED_ADVERTISEMENT, "detection " + number + ": " + e.getMessage());
        }
    }
}
