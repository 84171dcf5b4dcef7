package org.kawamori.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kawamori.core.Detection;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.port.SightingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the committed detections of one tag by many gateways into one sighting per window.
 *
 * <pre>
 *  committed detections ──► add(): per tag, the open sighting keeps the best position
 *                                  (smallest accuracy, then strongest RSSI), first and last time
 *  every tick ─────────────► flush(): sightings whose window (from their first detection) has
 *                                     passed go to the listeners, oldest first
 * </pre>
 *
 * The window runs on the server clock from the moment the first detection arrived, so a gateway's
 * late batch still joins an open sighting; a detection after the window opens a new one. Per tag the
 * work is done inside {@link ConcurrentHashMap#compute}, so two batches a few ms apart cannot race.
 */
public final class SightingFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SightingFolder.class);

    /** Detections of one tag within this long after the first are one sighting. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    private final Duration window;
    private final List<SightingListener> listeners;
    private final Clock clock;
    private final Map<TagId, Open> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    /** A folder flushed by {@link #flush()} only (tests, or a caller that ticks itself). */
    public SightingFolder(Duration window, List<SightingListener> listeners, Clock clock) {
        this(window, listeners, clock, false);
    }

    private SightingFolder(Duration window, List<SightingListener> listeners, Clock clock, boolean tick) {
        this.window = window;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.ticker = tick
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "kawamori-sightings");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /** A folder that flushes itself every second. */
    public static SightingFolder ticking(Duration window, List<SightingListener> listeners, Clock clock) {
        SightingFolder folder = new SightingFolder(window, listeners, clock, true);
        folder.ticker.scheduleWithFixedDelay(folder::flushQuietly, 1, 1, TimeUnit.SECONDS);
        return folder;
    }

    /** Folds committed detections in. */
    public void add(List<Detection> detections) {
        Instant now = clock.instant();
        for (Detection d : detections) {
            open.compute(d.tag(), (tag, current) -> current == null ? new Open(d, now) : current.with(d));
        }
    }

    /** Hands the sightings whose window has passed to the listeners; returns how many. */
    public int flush() {
        Instant now = clock.instant();
        List<TagSighting> due = new ArrayList<>();
        for (TagId tag : List.copyOf(open.keySet())) {
            open.computeIfPresent(tag, (t, o) -> {
                if (o.opened.plus(window).isAfter(now)) {
                    return o;
                }
                due.add(o.sighting());
                return null;
            });
        }
        due.sort((a, b) -> a.first().compareTo(b.first()));
        for (TagSighting sighting : due) {
            for (SightingListener listener : listeners) {
                try {
                    listener.onSighting(sighting);
                } catch (RuntimeException e) {
                    LOG.error("a sighting listener failed: {}", e.toString());
                }
            }
        }
        return due.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("flushing sightings failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        flush();
    }

    /** An open sighting: immutable, replaced on every detection. */
    private record Open(Instant opened, Detection best, Instant first, Instant last, int count) {

        Open(Detection d, Instant opened) {
            this(opened, d, d.time(), d.time(), 1);
        }

        Open with(Detection d) {
            Detection better = better(d, best) ? d : best;
            return new Open(
                    opened,
                    better,
                    d.time().isBefore(first) ? d.time() : first,
                    d.time().isAfter(last) ? d.time() : last,
                    count + 1);
        }

        /** Smaller accuracy wins (unknown loses); equal accuracy: the stronger signal. */
        private static boolean better(Detection a, Detection b) {
            double accA = Double.isNaN(a.accuracyMetres()) ? Double.MAX_VALUE : a.accuracyMetres();
            double accB = Double.isNaN(b.accuracyMetres()) ? Double.MAX_VALUE : b.accuracyMetres();
            return accA != accB ? accA < accB : a.rssi() > b.rssi();
        }

        TagSighting sighting() {
            return new TagSighting(
                    best.tag(), best.tagMunicipality(), first, last, best.position(), best.accuracyMetres(), count);
        }
    }
}
