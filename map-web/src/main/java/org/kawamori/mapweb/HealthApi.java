package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.HealthIndicator.Health;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} (also {@code /health/ready}, the readiness probe): runs every indicator on its own small worker pool (a hanging check must not starve the
 * API), each with a time limit, and answers 200 UP or 503 DOWN.
 */
final class HealthApi {

    private static final Logger LOG = LoggerFactory.getLogger(HealthApi.class);
    static final long CHECK_TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final List<HealthIndicator> indicators;

    HealthApi(Vertx vertx, WorkerExecutor workers, List<HealthIndicator> indicators) {
        this.vertx = vertx;
        this.workers = workers;
        this.indicators = List.copyOf(indicators);
    }

    void health(RoutingContext ctx) {
        List<Future<Health>> checks = new ArrayList<>();
        for (HealthIndicator indicator : indicators) {
            checks.add(check(indicator));
        }
        Future.join(checks).onComplete(done -> {
            boolean up = true;
            ObjectNode body = Json.MAPPER.createObjectNode();
            ObjectNode components = Json.MAPPER.createObjectNode();
            for (int i = 0; i < indicators.size(); i++) {
                Health h = checks.get(i).result();
                up &= h.up();
                ObjectNode c = components.putObject(indicators.get(i).name());
                c.put("status", h.up() ? "UP" : "DOWN");
                c.put("detail", h.detail());
            }
            body.put("status", up ? "UP" : "DOWN");
            body.set("components", components);
            ctx.response()
                    .setStatusCode(up ? 200 : 503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(Json.write(body));
        });
    }

    /**
     * {@code GET /health/live}, the liveness probe: the process answers HTTP. It checks nothing
     * else on purpose: a database outage must not make an orchestrator restart every instance.
     */
    static void live(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end("{\"status\":\"UP\"}");
    }

    /** Never fails: an exception, a null answer or a timeout is reported as DOWN. */
    private Future<Health> check(HealthIndicator indicator) {
        Promise<Health> result = Promise.promise();
        long timer = vertx.setTimer(
                CHECK_TIMEOUT_MS, t -> result.tryComplete(Health.down("no answer within " + CHECK_TIMEOUT_MS + " ms")));
        workers.executeBlocking(indicator::check, false).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded() && ar.result() != null) {
                result.tryComplete(ar.result());
            } else if (ar.succeeded()) {
                result.tryComplete(Health.down("no result"));
            } else {
                LOG.warn("health check {} failed", indicator.name(), ar.cause());
                result.tryComplete(
                        Health.down("check failed: " + ar.cause().getClass().getSimpleName()));
            }
        });
        return result.future();
    }
}
