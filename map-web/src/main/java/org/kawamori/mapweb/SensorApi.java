package org.kawamori.mapweb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/sensors} and {@code GET /api/v1/sensors/{id}/readings}. The ports may block: they run on workers. */
final class SensorApi {

    private static final Logger LOG = LoggerFactory.getLogger(SensorApi.class);

    private final Vertx vertx;
    private final SensorRegistry registry;
    private final ReadingQueries queries;
    private final Clock clock;

    SensorApi(Vertx vertx, SensorRegistry registry, ReadingQueries queries, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.queries = queries;
        this.clock = clock;
    }

    void sensors(RoutingContext ctx) {
        vertx.executeBlocking(() -> Json.write(SensorJson.featureCollection(queries.latestStates())), false)
                .onSuccess(body -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, SensorJson.GEO_JSON)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(body))
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
