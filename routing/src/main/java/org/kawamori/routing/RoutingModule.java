package org.kawamori.routing;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.kawamori.core.port.DeadLetterStore;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.InboundPipeline;
import org.kawamori.core.port.ReadingListener;
import org.kawamori.core.port.ReadingStore;
import org.kawamori.core.port.SensorRegistry;

/**
 * Puts the routing module into a Camel context and hands out what the other modules need from it.
 * It owns the routing workers (see {@link RoutingConfig#workers()}); close it after the Camel
 * context has stopped.
 */
public final class RoutingModule implements AutoCloseable {

    private final IngestCounters counters = new IngestCounters();
    private final IngestRoutes routes;
    private final DetectionRoutes detectionRoutes;
    private final SightingFolder sightings;
    private final IngestErrorHandling errors;
    private final ExecutorService workers;
    private final ListenerLanes lanes;

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
        this.workers = workers(config.workers());
        this.lanes = new ListenerLanes(config.workers(), LANE_CAPACITY);
        this.routes = new IngestRoutes(config, registry, store, listeners, counters, clock, workers, lanes);
        this.sightings = SightingFolder.ticking(SightingFolder.DEFAULT_WINDOW, detections.sightingListeners(), clock);
        this.detectionRoutes = new DetectionRoutes(config, detections, sightings, counters, clock, workers);
        this.errors = new IngestErrorHandling(deadLetters, counters);
    }

    /** Committed messages a listener lane holds before the route waits for it. */
    static final int LANE_CAPACITY = 10_000;

    private static ExecutorService workers(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "kawamori-route-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // the queue is bounded by the transports: MQTT by its in-flight window, CoAP and HTTPS by
        // their own request threads
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    }

    /**
     * A Camel context set up for these routes: stream caching off (the bodies are records, never
     * streams, and caching cost a type look-up per step) and 15 s for the routes to finish at stop.
     */
    public static CamelContext newContext() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(15);
        context.setStreamCaching(false);
        return context;
    }

    /** Adds the routes; call before the context starts. */
    public void addTo(CamelContext context) throws Exception {
        context.addRoutes(errors);
        context.addRoutes(routes);
        context.addRoutes(detectionRoutes);
    }

    /** The way in for the transports: each subject's messages in order, subjects in parallel. */
    public InboundPipeline pipeline(CamelContext context) {
        return new SubjectOrderedPipeline(new CamelInboundPipeline(context), workers);
    }

    public HealthIndicator health(CamelContext context) {
        return new RoutesHealth(context);
    }

    /** The folder of tag sightings. */
    public SightingFolder sightings() {
        return sightings;
    }

    public IngestCounters counters() {
        return counters;
    }

    /** Committed messages whose listeners have not run yet (for metrics). */
    public int listenersPending() {
        return lanes.pending();
    }

    /**
     * Lets the listeners finish, stops the sightings folder and the routing workers; call when the
     * routes have stopped.
     */
    @Override
    public void close() {
        lanes.close();
        sightings.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
