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
import org.kawamori.core.alert.AlertCommands;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.AlertRuleAdmin;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.MetricsExposition;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.RegistryAdmin;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.StationStages;
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

    /** The admin API's port and its caller check. */
    record Admin(RegistryAdmin registry, AdminAuth auth) {}

    /** The alert API's ports and its caller check. */
    record Alerts(AlertQueries queries, AlertCommands commands, AdminAuth auth) {}

    /** The alert settings' port and its caller check. */
    record AlertSettings(AlertRuleAdmin rules, AdminAuth auth) {}

    /** What the embedding code may add before start; each part is off when empty. */
    record Extras(
            Optional<Admin> admin,
            Optional<MetricsExposition> metrics,
            Optional<Alerts> alerts,
            Optional<AlertSettings> alertSettings) {

        static Extras none() {
            return new Extras(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        Extras withAdmin(Admin a) {
            return new Extras(Optional.of(a), metrics, alerts, alertSettings);
        }

        Extras withMetrics(MetricsExposition m) {
            return new Extras(admin, Optional.of(m), alerts, alertSettings);
        }

        Extras withAlerts(Alerts a) {
            return new Extras(admin, metrics, Optional.of(a), alertSettings);
        }

        Extras withAlertSettings(AlertSettings a) {
            return new Extras(admin, metrics, alerts, Optional.of(a));
        }
    }

    private StationStages stages = StationStages.NONE;
    private RenderedCollection collection = new RenderedCollection(0, 0);
    private HttpServer server;
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

        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
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
                        a -> new AlertApi(vertx, a.queries(), a.commands(), a.auth(), registry, Clock.systemUTC())
                                .mount(router),
                        () -> AlertApi.mountDisabled(router));
        // before the admin routes: served whether the registry admin API is on or not
        extras.alertSettings().ifPresent(a -> new AlertSettingsApi(vertx, a.rules(), a.auth()).mount(router));
        extras.admin()
                .ifPresentOrElse(
                        a -> new AdminApi(vertx, a.registry(), a.auth()).mount(router),
                        () -> AdminApi.mountDisabled(router));
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

        vertx.setPeriodic(keepAliveMs, id -> live.keepAlive());

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
        if (healthWorkers != null) {
            healthWorkers.close();
        }
        if (server == null) {
            stopped.complete();
        } else {
            server.close().onComplete(ar -> stopped.complete());
        }
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
