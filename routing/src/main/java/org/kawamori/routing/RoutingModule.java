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
    private final IngestErrorHandling errors;

    public RoutingModule(
            RoutingConfig config,
            SensorRegistry registry,
            ReadingStore store,
            DeadLetterStore deadLetters,
            List<ReadingListener> listeners,
            Clock clock) {
        this.routes = new IngestRoutes(config, registry, store, listeners, counters, clock);
        this.errors = new IngestErrorHandling(config, deadLetters, counters);
    }

    /** Adds the routes; call before the context starts. */
    public void addTo(CamelContext context) throws Exception {
        context.addRoutes(errors);
        context.addRoutes(routes);
    }

    public InboundPipeline pipeline(CamelContext context) {
        return new CamelInboundPipeline(context.createProducerTemplate());
    }

    public HealthIndicator health(CamelContext context) {
        return new RoutesHealth(context);
    }

    public IngestCounters counters() {
        return counters;
    }
}
