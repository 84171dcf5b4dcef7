package org.kawamori.routing;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.camel.builder.RouteBuilder;
import org.kawamori.core.port.ReadingListener;
import org.kawamori.core.port.ReadingStore;
import org.kawamori.core.port.SensorRegistry;

/**
 * The inbound pipeline every transport feeds.
 *
 * <pre>
 *  transport ──InboundMessage──► direct:kawamori-ingest
 *      │  CheckEnvelope     size, empty, content format
 *      │  ResolveSender     registered? enabled? topic municipality? authenticated identity?
 *      │  DecodeReadings    SenML JSON → resolved records → readings (unit, range, time window)
 *      │  CommitReadings    to the batched writer; waits for the commit without holding a thread,
 *      │                    then goes on on a routing worker; idempotent ──► body = Accepted
 *      │  PublishCommitted  hands the readings to the live map and the alert rules on the sensor's
 *      │                    lane (ListenerLanes) and returns: the ack waits for the commit only
 *      ▼
 *  a refusal anywhere ──► IngestErrorHandling ──► DeadLetterWriter ──► body = Rejected
 *  store unavailable  ──► retried with back-off (StoreRetry), then the exchange fails: the transport
 *                         does not ack
 * </pre>
 */
public final class IngestRoutes extends RouteBuilder {

    public static final String ENDPOINT = "direct:kawamori-ingest";
    public static final String ROUTE_ID = "kawamori-ingest";

    private final RoutingConfig config;
    private final SensorRegistry registry;
    private final ReadingStore store;
    private final List<ReadingListener> listeners;
    private final IngestCounters counters;
    private final Clock clock;
    private final Executor workers;
    private final ListenerLanes lanes;

    IngestRoutes(
            RoutingConfig config,
            SensorRegistry registry,
            ReadingStore store,
            List<ReadingListener> listeners,
            IngestCounters counters,
            Clock clock,
            Executor workers,
            ListenerLanes lanes) {
        this.config = config;
        this.registry = registry;
        this.store = store;
        this.listeners = List.copyOf(listeners);
        this.counters = counters;
        this.clock = clock;
        this.workers = workers;
        this.lanes = lanes;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId(ROUTE_ID)
                .routeConfigurationId(IngestErrorHandling.ID)
                .process(new CheckEnvelope(config))
                .id("check-envelope")
                .process(new ResolveSender(registry))
                .id("resolve-sender")
                .process(new DecodeReadings(config, clock))
                .id("decode-readings")
                .process(CommitReadings.step(store, counters, StoreRetry.of(config, workers), workers))
                .id("commit-readings")
                .process(new PublishCommitted(listeners, lanes))
                .id("publish-committed");
    }
}
