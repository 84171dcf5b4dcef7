package org.kawamori.routing;

import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.kawamori.core.port.DeadLetterStore;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.InboundPipeline;
import org.kawamori.core.port.ReadingListener;
import org.kawamori.core.port.ReadingStore;
import org.kawamori.core.port.SensorRegistry;

/** Puts the routing module into a Camel context and hands out what the other modules need from it. */
public final class RoutingModule {

    private final IngestCounters counters = new IngestCounters();
    private final IngestRoutes routes;
    private final DetectionRoutes detectionRoutes;
    private final SightingFolder sightings;
    private final IngestErrorHandling errors;

    /** Sensors only: every gateway batch is refused as coming from an unknown gateway. */
    public RoutingModule(
            RoutingConfig config,
            SensorRegistry registry,
            ReadingStore store,
            DeadLetterStore deadLetters,
            List<ReadingListener> listeners,
            Clock clock) {
        this(config, registry, store, DetectionPorts.none(), deadLetters, listeners, clock);
    }

    public RoutingModule(
            RoutingConfig config,
            SensorRegistry registry,
            ReadingStore store,
            DetectionPorts detections,
            DeadLetterStore deadLetters,
            List<ReadingListener> listeners,
            Clock clock) {
        this.routes = new IngestRoutes(config, registry, store, listeners, counters, clock);
        this.sightings = SightingFolder.ticking(SightingFolder.DEFAULT_WINDOW, detections.sightingListeners(), clock);
        this.detectionRoutes = new DetectionRoutes(config, detections, sightings, counters, clock);
        this.errors = new IngestErrorHandling(config, deadLetters, counters);
    }

    /** Adds the routes; call before the context starts. */
    public void addTo(CamelContext context) throws Exception {
        context.addRoutes(errors);
        context.addRoutes(routes);
        context.addRoutes(detectionRoutes);
    }

    public InboundPipeline pipeline(CamelContext context) {
        return new CamelInboundPipeline(context.createProducerTemplate());
    }

    public HealthIndicator health(CamelContext context) {
        return new RoutesHealth(context);
    }

    /** The folder of tag sightings: close it when the routes have stopped. */
    public SightingFolder sightings() {
        return sightings;
    }

    public IngestCounters counters() {
        return counters;
    }
}
