package org.kawamori.mapweb;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Server-Sent Events stream {@code GET /api/v1/events}. All methods except {@link #clientCount()} run on the
 * one event loop of the map-web verticle, so the client set needs no locking. A client whose write queue is full
 * (it reads slower than we send) is dropped rather than buffered without bound; EventSource reconnects by itself.
 */
final class LiveEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    static final long RETRY_MS = 5_000;
    static final int MAX_CLIENTS = 2_000;

    private static final byte[] HELLO = ("retry: " + RETRY_MS + "\n: connected\n\n").getBytes(StandardCharsets.UTF_8);
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);

    private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
    private final AtomicInteger count = new AtomicInteger();

    void subscribe(RoutingContext ctx) {
        if (clients.size() >= MAX_CLIENTS) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "30");
            Problem.send(ctx, 503, "too many live clients; try again later");
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-transform")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> remove(response, "closed"));
        response.exceptionHandler(e -> remove(response, "failed: " + e.getMessage()));
        clients.add(response);
        count.set(clients.size());
        response.write(Buffer.buffer(HELLO));
        LOG.debug("live client connected from {} ({} now)", ctx.request().remoteAddress(), clients.size());
    }

    /**
     * Sends one event to every client. Compact JSON is one {@code data:} line; text with line breaks
     * becomes one {@code data:} line per line, which EventSource joins again with {@code \n}.
     */
    void broadcast(String event, String data) {
        StringBuilder frame = new StringBuilder("event: ").append(event).append('\n');
        for (String line : LINE_BREAK.split(data, -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        send(frame.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }

    void keepAlive() {
        send(KEEPALIVE);
    }

    void closeAll() {
        for (HttpServerResponse r : new ArrayList<>(clients)) {
            clients.remove(r);
            if (!r.ended()) {
                r.end();
            }
        }
        count.set(0);
    }

    /** The number of connected clients; safe from any thread. */
    int clientCount() {
        return count.get();
    }

    private void send(byte[] frame) {
        for (HttpServerResponse r : new ArrayList<>(clients)) {
            if (r.closed() || r.ended()) {
                remove(r, "closed");
            } else if (r.writeQueueFull()) {
                LOG.info("dropping a slow live client (write queue full)");
                remove(r, "slow");
                r.reset();
            } else {
                r.write(Buffer.buffer(frame));
            }
        }
    }

    private void remove(HttpServerResponse response, String why) {
        if (clients.remove(response)) {
            count.set(clients.size());
            LOG.debug("live client removed ({}), {} left", why, clients.size());
        }
    }
}
