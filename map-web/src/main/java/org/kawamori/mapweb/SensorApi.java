package org.kawamori.mapweb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.StationStages;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/sensors} (shared for a short while, see {@link RenderedCollection}; ETag and gzip),
 * {@code GET /api/v1/sensors/{id}/readings} and {@code GET /api/v1/sensors/{id}/stages}. The ports may
 * block: they run on workers.
 */
final class SensorApi {

    private static final Logger LOG = LoggerFactory.getLogger(SensorApi.class);

    private final Vertx vertx;
    private final SensorRegistry registry;
    private final ReadingQueries queries;
    private final Clock clock;
    private final StationStages stages;
    private final RenderedCollection collection;

    SensorApi(
            Vertx vertx,
            SensorRegistry registry,
            ReadingQueries queries,
            Clock clock,
            StationStages stages,
            RenderedCollection collection) {
        this.vertx = vertx;
        this.registry = registry;
        this.queries = queries;
        this.clock = clock;
        this.stages = stages;
        this.collection = collection;
    }

    void sensors(RoutingContext ctx) {
        collection
                .get(
                        vertx,
                        () -> Json.MAPPER.writeValueAsBytes(
                                SensorJson.featureCollection(queries.latestStates(), stages)))
                .onSuccess(rendered -> answer(ctx, rendered))
                .onFailure(e -> failed(ctx, e));
    }

    private static void answer(RoutingContext ctx, RenderedCollection.Rendered rendered) {
        boolean gzip = acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? rendered.etag().replace("\"", "-gz\"") : rendered.etag();
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, SensorJson.GEO_JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .putHeader(HttpHeaders.ETAG, etag);
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), rendered.etag())) {
            response.setStatusCode(304).end();
        } else if (gzip) {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(rendered.gzip());
        } else {
            response.end(rendered.body());
        }
    }

    /** Whether {@code If-None-Match} names this content, in either encoding ({@code *} too). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String bare = etag.substring(1, etag.length() - 1);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag) || tag.equals("\"" + bare + "-gz\"")) {
                return true;
            }
        }
        return false;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.strip().split(";");
            if (parts[0].strip().equals("gzip")) {
                return parts.length == 1 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    void stages(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!DeviceId.isValid(id)) {
            Problem.send(ctx, 404, "no such sensor");
            return;
        }
        vertx.executeBlocking(
                        () -> registry.findSensor(DeviceId.of(id))
                                .filter(Sensor::enabled)
                                .map(s -> Json.write(SensorJson.stages(s, stages.thresholds(s)))),
                        false)
                .onSuccess(json -> {
                    if (json.isEmpty()) {
                        Problem.send(ctx, 404, "no sensor with id '" + id + "'");
                    } else {
                        ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                                .end(json.get());
                    }
                })
                .onFailure(e -> failed(ctx, e));
    }

    void readings(RoutingContext ctx) {
        TimeWindow window;
        try {
            window = TimeWindow.of(ctx.request(), clock.instant(), TimeWindow.READINGS);
        } catch (Problem.BadRequest e) {
            Problem.send(ctx, 400, e.getMessage());
            return;
        }
        String id = ctx.pathParam("id");
        if (!DeviceId.isValid(id)) {
            Problem.send(ctx, 404, "no such sensor");
            return;
        }
        DeviceId device = DeviceId.of(id);
        Future<Optional<String>> body = vertx.executeBlocking(
                () -> {
                    Optional<Sensor> sensor = registry.findSensor(device);
                    return sensor.map(s -> Json.write(SensorJson.readings(
                            device,
                            window.from(),
                            window.to(),
                            queries.readings(device, window.from(), window.to(), window.limit()))));
                },
                false);
        body.onSuccess(json -> {
                    if (json.isEmpty()) {
                        Problem.send(ctx, 404, "no sensor with id '" + id + "'");
                    } else {
                        ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                                .end(json.get());
                    }
                })
                .onFailure(e -> failed(ctx, e));
    }

    private static void failed(RoutingContext ctx, Throwable e) {
        if (e instanceof StoreUnavailableException) {
            LOG.warn(
                    "{} {}: store unavailable: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    e.getMessage());
            Problem.send(ctx, 503, "the reading store is unavailable; try again shortly");
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
            Problem.send(ctx, 500, "internal error");
        }
    }
}
