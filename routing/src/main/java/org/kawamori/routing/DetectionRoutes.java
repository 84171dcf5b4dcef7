package org.kawamori.routing;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.camel.builder.RouteBuilder;
import org.kawamori.core.ingest.InboundMessage;

/**
 * The route of gateway detection batches.
 *
 * <pre>
 *  transport ──InboundMessage (GatewayBatch address)──► direct:kawamori-detections
 *      │  CheckEnvelope       size, empty, media type (the batch's, or plain JSON)
 *      │  ResolveGateway      registered? enabled? topic municipality? authenticated identity?
 *      │  DecodeDetections    batch JSON → heard tags (raw advertisements parsed: iBeacon, Eddystone)
 *      │                      with their positions (own, batch's, or the fixed gateway's)
 *      │  ResolveTags         registered, enabled tags only, each for its own municipality;
 *      │                      a volunteer's phone is stored anonymously
 *      │  CommitDetections    to the batched writer, asynchronous like CommitReadings; idempotent
 *      │                      ──► body = Accepted(heard in the batch)
 *      │  PublishSightings    detections of one tag by many gateways within a window → one
 *      │                      sighting at the best position (SightingFolder); never fails the batch
 *      ▼
 *  a refusal anywhere ──► IngestErrorHandling ──► DeadLetterWriter ──► body = Rejected
 *  store unavailable  ──► retried with back-off, then the exchange fails: the transport does not ack
 * </pre>
 */
public final class DetectionRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:kawamori-detections";
    public static final String ROUTE_ID = "kawamori-detections";

    /** The batch's own media type. */
    public static final String BATCH_JSON = "application/vnd.kawamori.detections+json";

    /** Plain JSON is accepted too: MQTT 3.1.1 carries no content type. */
    private static final Set<String> BATCH_TYPES = Set.of(BATCH_JSON, "application/json", InboundMessage.SENML_JSON);

    private final RoutingConfig config;
    private final DetectionPorts ports;
    private final SightingFolder sightings;
    private final IngestCounters counters;
    private final Clock clock;
    private final Executor workers;

    public DetectionRoutes(
            RoutingConfig config,
            DetectionPorts ports,
            SightingFolder sightings,
            IngestCounters counters,
            Clock clock,
            Executor workers) {
        this.config = config;
        this.ports = ports;
        this.sightings = sightings;
        this.counters = counters;
        this.clock = clock;
        this.workers = workers;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .routeConfigurationId(IngestErrorHandling.ID)
                .process(new CheckEnvelope(config, BATCH_TYPES, BATCH_JSON))
                .id("check-batch-envelope")
                .process(new ResolveGateway(ports.gateways()))
                .id("resolve-gateway")
                .process(new DecodeDetections(config, clock))
                .id("decode-detections")
                .process(new ResolveTags(ports.tags(), counters))
                .id("resolve-tags")
                .process(CommitDetections.step(ports.sink(), counters, StoreRetry.of(config, workers), workers))
                .id("commit-detections")
                .process(new PublishSightings(sightings))
                .id("publish-sightings");
    }
}
