package org.kawamori.mapweb;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an API route's port calls (they may block) on a worker and answers their failures as
 * problem+json: 400 for a {@link Problem.BadRequest} (also thrown by a route's handler before any
 * work), what the route answers itself, 503 when the store is down, 500 otherwise. Logs
 * name the route pattern (e.g. {@code /api/v1/admin/sensors/:id}), never the path, which may hold an id.
 */
final class Blocking {

    private static final Logger LOG = LoggerFactory.getLogger(Blocking.class);

    private final Vertx vertx;
    private final String store;
    private final String base;
    private final BiPredicate<RoutingContext, Throwable> answers;

    /**
     * @param store what is down on a {@link StoreUnavailableException}, e.g. {@code the registry}
     * @param base the route named in logs when there is no current route
     * @param answers answers the failures the route knows and says whether it did
     */
    Blocking(Vertx vertx, String store, String base, BiPredicate<RoutingContext, Throwable> answers) {
        this.vertx = vertx;
        this.store = store;
        this.base = base;
        this.answers = answers;
    }

    /** Runs {@code work} on a worker, then {@code answer} on the event loop. */
    <T> void run(RoutingContext ctx, Callable<T> work, BiConsumer<RoutingContext, T> answer) {
        vertx.executeBlocking(work, false)
                .onSuccess(result -> answer.accept(ctx, result))
                .onFailure(e -> failed(ctx, e));
    }

    void failed(RoutingContext ctx, Throwable e) {
        if (e instanceof Problem.BadRequest) {
            Problem.send(ctx, 400, e.getMessage());
            return;
        }
        if (answers.test(ctx, e)) {
            return;
        }
        if (e instanceof StoreUnavailableException) {
            LOG.warn("{} {}: {} unavailable: {}", ctx.request().method(), route(ctx), store, e.getMessage());
            Problem.send(ctx, 503, store + " is unavailable; try again shortly");
        } else {
            LOG.error("{} {} failed: {}", ctx.request().method(), route(ctx), e.toString());
            Problem.send(ctx, 500, "internal error");
        }
    }

    /** The routes' failure handler: a body over the limit, a failed handler, any other status. */
    Handler<RoutingContext> failureHandler(String bodyLimit) {
        return ctx -> {
            if (ctx.statusCode() == 413) {
                Problem.send(ctx, 413, "the body is larger than " + bodyLimit);
            } else if (ctx.failure() != null) {
                failed(ctx, ctx.failure());
            } else {
                Problem.send(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, "the request failed");
            }
        };
    }

    private String route(RoutingContext ctx) {
        return ctx.currentRoute() == null || ctx.currentRoute().getPath() == null
                ? base
                : ctx.currentRoute().getPath();
    }
}
