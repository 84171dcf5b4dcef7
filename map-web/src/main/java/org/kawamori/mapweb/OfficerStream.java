package org.kawamori.mapweb;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.access.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The officers' Server-Sent Events stream {@code GET /api/v1/officer/events}: each client is an
 * officer of one municipality, and an event goes either to every officer (flood data and device
 * health are the basin's) or to the officers of one municipality only (its declared searches). All
 * methods except {@link #clientCount()} run on the verticle's one event loop.
 *
 * <p>A stream lives at most {@code maxAgeMs}: then the server ends it and EventSource reconnects at
 * once, through the login check again, so a logged-out officer, an expired session or a disabled
 * account stops hearing within that time.
 */
final class OfficerStream {

    private static final Logger LOG = LoggerFactory.getLogger(OfficerStream.class);

    static final int MAX_CLIENTS = 1_000;
    static final long MAX_AGE_MS = 10 * 60_000L;

    private static final byte[] HELLO =
            ("retry: " + LiveEvents.RETRY_MS + "\n: connected\n\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] BYE = "retry: 500\n: session check, reconnect\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private final Map<HttpServerResponse, MunicipalityCode> clients = new LinkedHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final long maxAgeMs;

    OfficerStream(long maxAgeMs) {
        if (maxAgeMs < 1) {
            throw new IllegalArgumentException("maxAgeMs must be positive");
        }
        this.maxAgeMs = maxAgeMs;
    }

    void subscribe(RoutingContext ctx, Principal.Officer officer) {
        if (clients.size() >= MAX_CLIENTS) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "30");
            Problem.send(ctx, 503, "too many live clients; try again later");
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, LiveEvents.CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store, no-transform")
                .putHeader(HttpHeaders.VARY, "Cookie")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> remove(response));
        response.exceptionHandler(e -> remove(response));
        clients.put(response, officer.municipality());
        count.set(clients.size());
        response.write(Buffer.buffer(HELLO));
        long timer = ctx.vertx().setTimer(maxAgeMs, id -> expire(response));
        response.endHandler(v -> ctx.vertx().cancelTimer(timer));
        LOG.debug("officer stream opened ({} now)", clients.size());
    }

    /**
     * Sends one event to every officer ({@code only} empty) or to the officers of one municipality.
     * Compact JSON is one {@code data:} line; text with line breaks one line per line.
     */
    void send(String event, String data, Optional<MunicipalityCode> only) {
        StringBuilder frame = new StringBuilder("event: ").append(event).append('\n');
        for (String line : LINE_BREAK.split(data, -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        byte[] bytes = frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<HttpServerResponse, MunicipalityCode> client : new ArrayList<>(clients.entrySet())) {
            if (only.isEmpty() || only.get().equals(client.getValue())) {
                write(client.getKey(), bytes);
            }
        }
    }

    void keepAlive() {
        new ArrayList<>(clients.keySet()).forEach(r -> write(r, KEEPALIVE));
    }

    void closeAll() {
        new ArrayList<>(clients.keySet()).forEach(this::end);
    }

    /** The number of connected officers; safe from any thread. */
    int clientCount() {
        return count.get();
    }

    private void expire(HttpServerResponse response) {
        if (clients.containsKey(response) && !response.closed() && !response.ended()) {
            response.write(Buffer.buffer(BYE));
        }
        end(response);
    }

    private void end(HttpServerResponse response) {
        remove(response);
        if (!response.closed() && !response.ended()) {
            response.end();
        }
    }

    private void write(HttpServerResponse r, byte[] frame) {
        if (r.closed() || r.ended()) {
            remove(r);
        } else if (r.writeQueueFull()) {
            LOG.info("dropping a slow officer stream (write queue full)");
            remove(r);
            r.reset();
        } else {
            r.write(Buffer.buffer(frame));
        }
    }

    private void remove(HttpServerResponse response) {
        if (clients.remove(response) != null) {
            count.set(clients.size());
        }
    }
}
