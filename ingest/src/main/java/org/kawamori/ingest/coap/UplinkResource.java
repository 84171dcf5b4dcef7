package org.kawamori.ingest.coap;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.kawamori.core.DeviceId;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.InboundPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /s/{deviceId}} with a SenML pack: JSON (content-format 110) or CBOR (112); and {@code
 * POST /g/{gatewayId}} with a gateway's detection batch (content-format 50, application/json). The
 * content-format is passed on as its media type; the route decides which ones it takes.
 *
 * <pre>
 *  device ──CON POST /s/demo-gauge-1, cf 110──► handlePOST
 *     │  path → DeviceAddress, content-format → media type,
 *     │  DTLS PSK identity (coaps only) → authenticatedAs
 *     │  pipeline.accept(message); answered when the commit is done (no thread waits)
 *     ▼
 *  2.04 Changed      committed
 *  4.xx + diagnostic refused and dead-lettered (text/plain "reason-code: detail");
 *                    on coaps a path naming another device than the identity: 4.03 not-authorized
 *  5.03 + Max-Age    store unavailable: nothing stored, the device should retry
 * </pre>
 */
final class UplinkResource extends CoapResource {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkResource.class);

    private final InboundPipeline pipeline;
    private final CoapIngestConfig config;
    private final Clock clock;
    private final Function<DeviceId, DeviceAddress> addressOf;
    private final CoapResource device = new CoapResource("{deviceId}") {
        @Override
        public void handlePOST(CoapExchange exchange) {
            uplink(exchange);
        }
    };

    private UplinkResource(
            String name,
            String title,
            Function<DeviceId, DeviceAddress> addressOf,
            InboundPipeline pipeline,
            CoapIngestConfig config,
            Clock clock) {
        super(name);
        this.pipeline = pipeline;
        this.config = config;
        this.clock = clock;
        this.addressOf = addressOf;
        getAttributes().setTitle(title);
        device.setParent(this);
    }

    /** {@code /s/{deviceId}}: sensor uplinks. */
    static UplinkResource sensors(InboundPipeline pipeline, CoapIngestConfig config, Clock clock) {
        return new UplinkResource(
                "s", "Sensor uplinks: POST SenML to /s/{deviceId}", DeviceAddress::of, pipeline, config, clock);
    }

    /** {@code /g/{gatewayId}}: gateway detection batches. */
    static UplinkResource gateways(InboundPipeline pipeline, CoapIngestConfig config, Clock clock) {
        return new UplinkResource(
                "g",
                "Gateway detection batches: POST JSON to /g/{gatewayId}",
                id -> new DeviceAddress.GatewayBatch(Optional.empty(), id),
                pipeline,
                config,
                clock);
    }

    @Override
    public Resource getChild(String name) {
        return device;
    }

    private void uplink(CoapExchange exchange) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        String id = path.size() == 2 ? path.get(1) : "";
        DeviceAddress address = DeviceId.isValid(id)
                ? addressOf.apply(DeviceId.of(id))
                : new DeviceAddress.Unaddressed("path is not /" + getName() + "/{id}");
        int format = exchange.getRequestOptions().getContentFormat();
        InboundMessage message = new InboundMessage(
                Transport.COAP,
                "/" + String.join("/", path),
                address,
                exchange.getRequestPayload() == null ? new byte[0] : exchange.getRequestPayload(),
                format == MediaTypeRegistry.UNDEFINED ? "none" : MediaTypeRegistry.toString(format),
                authenticatedAs(exchange),
                clock.instant());
        // answered from the pipeline's thread once the commit is done: no CoAP thread waits for it
        // (a retransmitted CON meanwhile is absorbed by Californium's deduplicator)
        CompletableFuture<IngestResult> result;
        try {
            result = pipeline.accept(message).toCompletableFuture();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.orTimeout(config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        LOG.warn("CoAP uplink on {} not committed: {}", message.channel(), failure.toString());
                        unavailable(exchange);
                    } else if (outcome instanceof IngestResult.Rejected rejected) {
                        exchange.respond(
                                CoapResponses.forRejection(rejected.reason()),
                                rejected.reason().code() + ": " + rejected.detail(),
                                MediaTypeRegistry.TEXT_PLAIN);
                    } else {
                        exchange.respond(ResponseCode.CHANGED);
                    }
                });
    }

    /**
     * The device the DTLS handshake authenticated (its PSK identity), or empty on plain CoAP. The
     * pipeline refuses a path that names another device than this one.
     */
    static Optional<String> authenticatedAs(CoapExchange exchange) {
        Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
        if (peer instanceof PreSharedKeyIdentity psk) {
            return Optional.of(psk.getIdentity());
        }
        // No other kind of peer identity is configured; should one appear, it must match too.
        return peer == null ? Optional.empty() : Optional.of(peer.getName());
    }

    private static void unavailable(CoapExchange exchange) {
        exchange.setMaxAge(30);
        exchange.respond(
                ResponseCode.SERVICE_UNAVAILABLE, "store unavailable, retry later", MediaTypeRegistry.TEXT_PLAIN);
    }
}
