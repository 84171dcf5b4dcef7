package org.kawamori.mapweb;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.StationStages;
import org.kawamori.mapweb.WebParts.Extras;
import org.kawamori.mapweb.WebParts.Logins;
import org.kawamori.mapweb.ngsi.NgsiLdApi;
import org.kawamori.mapweb.ngsi.PublicAlerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server and its routes, all on one event loop. */
final class MapWebVerticle extends AbstractVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(MapWebVerticle.class);

    static final String LEAFLET_DIST = "META-INF/resources/webjars/leaflet/1.9.4/dist";
    static final String BASIN_GEOJSON = "webroot/geo/kakogawa-basin.geojson";
    static final long KEEPALIVE_MS = 15_000;

    private final WebConfig config;
    private final SensorRegistry registry;
    private final ReadingQueries queries;
    private final List<HealthIndicator> health;
    private final long keepAliveMs;
    private final LiveEvents live = new LiveEvents();
    private final Extras extras;
    private final Optional<OfficerStream> officers;

    private StationStages stages = StationStages.NONE;
    private RenderedCollection collection = new RenderedCollection(0, 0);
    private HttpServer server;
    private Router router;
    private WorkerExecutor healthWorkers;
    private volatile int actualPort = -1;

    MapWebVerticle(
            WebConfig config,
            SensorRegistry registry,
            ReadingQueries queries,
            List<HealthIndicator> health,
            long keepAliveMs,
            Extras extras) {
        this.keepAliveMs = keepAliveMs;
        this.extras = extras;
        this.officers = extras.officers().map(o -> new OfficerStream(o.streamMaxAgeMs()));
        this.config = config;
        this.registry = registry;
        this.queries = queries;
        this.health = health;
    }

    /** The stage thresholds to serve and the shared rendered sensor collection (before deploying). */
    MapWebVerticle sensorsWith(StationStages stages, RenderedCollection collection) {
        this.stages = stages;
        this.collection = collection;
        return this;
    }

    @Override
    public void start(Promise<Void> started) {
        healthWorkers = vertx.createSharedWorkerExecutor("kawamori-map-web-health", 2);
        Buffer basin = Buffer.buffer(classpathBytes(BASIN_GEOJSON));
        SensorApi sensors = new SensorApi(vertx, registry, queries, Clock.systemUTC(), stages, collection);
        HealthApi healthApi = new HealthApi(vertx, healthWorkers, health);

        router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        SessionCookie cookie = new SessionCookie(extras.secureCookie());
        router.route("/api/*")
                .handler(new AccessHandler(
                        vertx, extras.logins().map(Logins::sessions), extras.bearer(), cookie, Clock.systemUTC()));
        extras.logins()
                .ifPresentOrElse(
                        l -> new SessionApi(
                                        vertx,
                                        l.sessions(),
                                        l.accounts(),
                                        l.links(),
                                        l.config(),
                                        cookie,
                                        Clock.systemUTC())
                                .mount(router),
                        () -> SessionApi.mountDisabled(router));
        OpenApiDocument.load().mount(router);
        router.get("/api/v1/sensors").handler(sensors::sensors);
        router.get("/api/v1/sensors/:id/readings").handler(sensors::readings);
        router.get("/api/v1/sensors/:id/stages").handler(sensors::stages);
        router.get("/api/v1/events").handler(live::subscribe);
        router.get("/health").handler(healthApi::health);
        router.get("/health/ready").handler(healthApi::health);
        router.get("/health/live").handler(HealthApi::live);
        extras.metrics().ifPresent(m -> router.get("/metrics").handler(ctx -> healthWorkers
                .executeBlocking(m::scrape, false)
                .onSuccess(text -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, m.contentType())
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(text))
                .onFailure(ctx::fail)));
        router.get("/geo/kakogawa-basin.geojson").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, SensorJson.GEO_JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
                .end(basin));
        // the URL carries no version, so an upgraded Leaflet must not stay cached for long
        router.route("/webjars/leaflet/*")
                .handler(StaticHandler.create(LEAFLET_DIST).setMaxAgeSeconds(3600));
        extras.alerts()
                .ifPresentOrElse(
                        a -> new AlertApi(vertx, a.queries(), a.commands(), registry, Clock.systemUTC()).mount(router),
                        () -> AlertApi.mountDisabled(router));
        extras.family()
                .ifPresentOrElse(
                        f -> {
                            new FamilyApi(vertx, f.tags(), f.watch(), Clock.systemUTC()).mount(router);
                            new FamilyLinksApi(vertx, f.links(), Clock.systemUTC()).mount(router);
                        },
                        () -> FamilyApi.mountDisabled(router));
        // before the admin routes: served whether the registry admin API is on or not
        extras.alertSettings().ifPresent(a -> new AlertSettingsApi(vertx, a.rules(), a.auth()).mount(router));
        extras.officers().ifPresent(o -> new OfficerApi(
                        vertx,
                        o.searches(),
                        o.alerts(),
                        queries,
                        o.batteries(),
                        officers.orElseThrow(),
                        Clock.systemUTC())
                .mount(router));
        extras.admin()
                .ifPresentOrElse(
                        a -> new AdminApi(vertx, a.registry(), a.auth()).mount(router),
                        () -> AdminApi.mountDisabled(router));
        extras.standardView()
                .ifPresentOrElse(
                        v -> new NgsiLdApi(
                                        vertx,
                                        registry,
                                        queries,
                                        stages,
                                        v.alerts(),
                                        new PublicAlerts(AlertView.PUBLIC::shows, AlertView.PUBLIC::facts))
                                .mount(router),
                        () -> NgsiLdApi.mountDisabled(router));
        router.route("/api/*").handler(ctx -> Problem.send(ctx, 404, "no such resource"));
        // the page and its script change together on upgrade: always revalidate them
        router.route("/*").handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            ctx.next();
        });
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        router.errorHandler(500, ctx -> {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            Problem.send(ctx, 500, "internal error");
        });

        vertx.setPeriodic(keepAliveMs, id -> {
            live.keepAlive();
            officers.ifPresent(OfficerStream::keepAlive);
        });

        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(false)
                .setHttp2ClearTextEnabled(false);
        vertx.createHttpServer(options)
                .requestHandler(router)
                .listen()
                .onSuccess(s -> {
                    server = s;
                    actualPort = s.actualPort();
                    started.complete();
                })
                .onFailure(started::fail);
    }

    @Override
    public void stop(Promise<Void> stopped) {
        live.closeAll();
        officers.ifPresent(OfficerStream::closeAll);
        if (healthWorkers != null) {
            healthWorkers.close();
        }
        if (server == null) {
            stopped.complete();
        } else {
            server.close().onComplete(ar -> stopped.complete());
        }
    }

    /** Every route with its methods, as {@code "GET /api/v1/alerts/:id"} (for the test that checks the OpenAPI document). */
    List<String> routes() {
        List<String> routes = new java.util.ArrayList<>();
        router.getRoutes().forEach(route -> {
            if (route.getPath() != null
                    && route.methods() != null
                    && !route.methods().isEmpty()) {
                route.methods().forEach(m -> routes.add(m.name() + " " + route.getPath()));
            }
        });
        return routes;
    }

    int actualPort() {
        return actualPort;
    }

    /** The event loop this verticle (and so the live client set) runs on. */
    Context eventLoop() {
        return context;
    }

    LiveEvents live() {
        return live;
    }

    /** The officers' stream, when the console is served. */
    Optional<OfficerStream> officers() {
        return officers;
    }

    private static byte[] classpathBytes(String resource) {
        try (InputStream in = MapWebVerticle.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
