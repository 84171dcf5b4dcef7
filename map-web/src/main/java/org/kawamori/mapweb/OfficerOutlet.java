package org.kawamori.mapweb;

import io.vertx.core.Context;
import java.util.List;
import java.util.Optional;
import org.kawamori.core.MunicipalityCode;

/**
 * Where the officers' feeds ({@link OfficerFeed}, {@link OfficerNotifier}) hand their events to the
 * officers' stream: from any thread, without waiting. While the server is not running (or serves no
 * officers) the events are dropped.
 */
final class OfficerOutlet {

    /**
     * One event for the officers' stream.
     *
     * @param only the municipality whose officers alone may hear it; empty for every officer
     */
    record Event(String type, String data, Optional<MunicipalityCode> only) {
        static Event toAll(String type, String data) {
            return new Event(type, data, Optional.empty());
        }
    }

    private volatile Context context;
    private volatile OfficerStream stream;

    void attach(Context context, OfficerStream stream) {
        this.stream = stream;
        this.context = context;
    }

    void detach() {
        this.context = null;
        this.stream = null;
    }

    boolean hasClients() {
        OfficerStream to = stream;
        return to != null && to.clientCount() > 0;
    }

    /** Hands the events to the event loop, which sends them in this order; false when not running. */
    boolean send(List<Event> events) {
        Context ctx = context;
        OfficerStream to = stream;
        if (ctx == null || to == null) {
            return false;
        }
        ctx.runOnContext(v -> events.forEach(e -> to.send(e.type(), e.data(), e.only())));
        return true;
    }
}
