package org.kawamori.mapweb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * The rendered sensor collection ({@code GET /api/v1/sensors}), shared by every request for a short
 * while, so that 10,000 sensors are queried and written once and not once per client: concurrent requests
 * wait for the one build in flight. A committed reading ({@link #invalidate()}) makes the next request
 * build again, but not sooner than {@code minIntervalMs} after the last build (a busy night does not
 * turn into one query per request); changes that do not pass the live feed (the registry) show within
 * {@code maxAgeMs}. The page takes readings live from the event stream, so it loses nothing by this.
 * Each build is kept plain and gzip-compressed, with an ETag of its content.
 */
final class RenderedCollection {

    /** One build: the body, its gzip form and its entity tag. */
    record Rendered(Buffer body, Buffer gzip, String etag, long builtAtNanos, long generation) {}

    static final long MAX_AGE_MS = 5_000;
    static final long MIN_INTERVAL_MS = 1_000;

    private final long maxAgeNanos;
    private final long minIntervalNanos;
    private final AtomicLong generation = new AtomicLong();
    private Rendered current; // event loop only
    private Future<Rendered> building; // event loop only

    RenderedCollection(long maxAgeMs, long minIntervalMs) {
        this.maxAgeNanos = maxAgeMs * 1_000_000;
        this.minIntervalNanos = Math.min(minIntervalMs, maxAgeMs) * 1_000_000;
    }

    /** A reading was committed: the collection is out of date. Any thread. */
    void invalidate() {
        generation.incrementAndGet();
    }

    /** The current build, or a new one made on a worker by {@code render}. Call on the event loop. */
    Future<Rendered> get(Vertx vertx, Callable<byte[]> render) {
        Rendered r = current;
        long now = System.nanoTime();
        if (r != null && fresh(r, now)) {
            return Future.succeededFuture(r);
        }
        if (building != null) {
            return building;
        }
        long startedGeneration = generation.get();
        Future<Rendered> build =
                vertx.executeBlocking(() -> rendered(render.call(), System.nanoTime(), startedGeneration), false);
        building = build;
        build.onComplete(ar -> {
            building = null;
            if (ar.succeeded()) {
                current = ar.result();
            }
        });
        return build;
    }

    private boolean fresh(Rendered r, long now) {
        long age = now - r.builtAtNanos();
        if (age >= maxAgeNanos) {
            return false;
        }
        return r.generation() == generation.get() || age < minIntervalNanos;
    }

    static Rendered rendered(byte[] body, long builtAtNanos, long generation) {
        return new Rendered(Buffer.buffer(body), Buffer.buffer(gzip(body)), etag(body), builtAtNanos, generation);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 6 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 1 << 16)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
