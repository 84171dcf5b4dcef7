package org.kawamori.mapweb;

import io.vertx.core.Context;
import java.util.List;

/**
 * Where the server's feeds ({@link LiveFeed}, {@link SseNotifier}) hand their events over to the event
 * stream: from any thread, without waiting. While the server is not running the events are dropped.
 */
final class LiveOutlet {

    /** One event: its type and its data (JSON). */
    record Event(String type, String data) {}

    private volatile Context context;
    private volatile LiveEvents live;

    void attach(Context context, LiveEvents live) {
        this.live = live;
        this.context = context;
    }

    void detach() {
        this.context = null;
        this.live = null;
    }

    /** Whether anybody is listening: feeds skip the work of building events nobody would get. */
    boolean hasClients() {
        LiveEvents to = live;
        return to != null && to.clientCount() > 0;
    }

    /**
     * Hands the events to the event loop, which sends them to every connected client in this order.
     *
     * @return false when the server is not running (nothing was sent)
     */
    boolean send(List<Event> events) {
        Context ctx = context;
        LiveEvents to = live;
        if (ctx == null || to == null) {
            return false;
        }
        ctx.runOnContext(v -> events.forEach(e -> to.broadcast(e.type(), e.data())));
        return true;
    }
}
