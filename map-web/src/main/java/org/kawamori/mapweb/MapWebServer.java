package org.kawamori.mapweb;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.File;
import java.net.BindException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.kawamori.core.access.Accounts;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.FamilyTags;
import org.kawamori.core.access.Sessions;
import org.kawamori.core.alert.AlertCommands;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.AlertRuleAdmin;
import org.kawamori.core.alert.FamilyWatch;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;
import org.kawamori.core.alert.Searches;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.MetricsExposition;
import org.kawamori.core.port.ReadingListener;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.RegistryAdmin;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.StationStages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live flood map: a JSON/GeoJSON API, a Server-Sent Events stream and a Leaflet page, on Vert.x.
 *
 * <pre>{@code
 * try (MapWebServer web = new MapWebServer(WebConfig.defaults(), registry, queries, healthIndicators)) {
 *     int port = web.start();
 *     pipeline.addListener(web.liveFeed());
 *     ...
 * }
 * }</pre>
 */
public final class MapWebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MapWebServer.class);
    private static final long START_TIMEOUT_S = 30;
    private static final long STOP_TIMEOUT_S = 10;

    private final WebConfig config;
    private final SensorRegistry registry;
    private final ReadingQueries queries;
    private final List<HealthIndicator> health;
    private final long keepAliveMs;
    private final LiveOutlet outlet = new LiveOutlet();
    /** 0 renders the sensor collection for every request (the benchmark's comparison); default 5000 ms. */
    static final String COLLECTION_MAX_AGE_PROPERTY = "kawamori.map.collection-max-age-ms";

    private final RenderedCollection collection = new RenderedCollection(
            Long.getLong(COLLECTION_MAX_AGE_PROPERTY, RenderedCollection.MAX_AGE_MS),
            RenderedCollection.MIN_INTERVAL_MS);
    private final ReadingListener liveFeed = invalidating(collection, new LiveFeed(outlet));
    private StationStages stages = StationStages.NONE;
    private final OfficerOutlet officerOutlet = new OfficerOutlet();
    private final LatestBatteries batteries = new LatestBatteries();
    private final OfficerFeed officerFeed = new OfficerFeed(officerOutlet, batteries);
    private final ReadingListener feeds = (sensor, readings) -> {
        liveFeed.onCommitted(sensor, readings);
        officerFeed.onCommitted(sensor, readings);
    };

    private WebParts.Extras extras = WebParts.Extras.none();
    private Vertx vertx;
    private volatile MapWebVerticle verticle;
    private boolean closed;

    public MapWebServer(
            WebConfig config, SensorRegistry registry, ReadingQueries queries, List<HealthIndicator> health) {
        this(config, registry, queries, health, MapWebVerticle.KEEPALIVE_MS);
    }

    /** For tests: a shorter interval between {@code : keepalive} comments on the event stream. */
    MapWebServer(
            WebConfig config,
            SensorRegistry registry,
            ReadingQueries queries,
            List<HealthIndicator> health,
            long keepAliveMs) {
        if (keepAliveMs < 1) {
            throw new IllegalArgumentException("keepAliveMs must be positive");
        }
        this.keepAliveMs = keepAliveMs;
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.health = List.copyOf(Objects.requireNonNull(health, "health"));
    }

    /**
     * Serves the admin API under {@code /api/v1/admin/} once started: every request needs a bearer
     * token that {@code auth} accepts. Without this call the admin routes answer 404 (disabled).
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withAdmin(RegistryAdmin registryAdmin, AdminAuth auth) {
        beforeStart("the admin API");
        extras = extras.withAdmin(new WebParts.Admin(
                Objects.requireNonNull(registryAdmin, "registryAdmin"), Objects.requireNonNull(auth, "auth")));
        return this;
    }

    /**
     * Serves {@code GET /metrics} (for Prometheus) from {@code exposition} once started; without this
     * call the path answers 404.
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withMetrics(MetricsExposition exposition) {
        beforeStart("metrics");
        extras = extras.withMetrics(Objects.requireNonNull(exposition, "exposition"));
        return this;
    }

    /**
     * Serves the alerts under {@code /api/v1/alerts} once started: to the public the active flood alerts
     * ({@code river-stage}, {@code inundation}, {@code offline}) without officers' traces; to a caller
     * with a bearer token that {@code auth} accepts also the officers' alerts, and acknowledging (by
     * that caller). Tag rules are never served here. Without this call the routes answer 404.
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withAlerts(AlertQueries queries, AlertCommands commands, AdminAuth auth) {
        beforeStart("the alert API");
        extras = extras.withAlerts(new WebParts.Alerts(
                Objects.requireNonNull(queries, "queries"),
                Objects.requireNonNull(commands, "commands"),
                Objects.requireNonNull(auth, "auth")));
        return this;
    }

    /**
     * Serves {@code GET} and {@code PATCH /api/v1/admin/alert-settings} once started, for a bearer token
     * that {@code auth} accepts (whether or not {@link #withAdmin} is called). Without this call the
     * path answers 404 like the rest of a disabled admin API.
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withAlertSettings(AlertRuleAdmin rules, AdminAuth auth) {
        beforeStart("the alert settings");
        extras = extras.withAlertSettings(new WebParts.AlertSettings(
                Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(auth, "auth")));
        return this;
    }

    /**
     * Serves logins once started: {@code /api/v1/session} (log in with a password or a family link, log
     * out, who am I), and every API request is then made as the principal of its session cookie.
     * Without this call everyone is the public (and the admin bearer token, where given, an
     * administrator).
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withLogins(
            Sessions sessions, Accounts accounts, FamilyLinks links, AccessConfig config) {
        beforeStart("logins");
        extras = extras.withLogins(new WebParts.Logins(
                Objects.requireNonNull(sessions, "sessions"),
                Objects.requireNonNull(accounts, "accounts"),
                Objects.requireNonNull(links, "links"),
                Objects.requireNonNull(config, "config")));
        return this;
    }

    /**
     * Serves the family page's API under {@code /api/v1/family} once started: a family member's own tags
     * with their last place and trail, their watch rules and lost mode, and the family's links. Needs
     * {@link #withLogins} to be of any use (the callers are family sessions). Without this call the
     * routes answer 404.
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withFamily(FamilyTags tags, FamilyWatch watch, FamilyLinks links) {
        beforeStart("the family API");
        extras = extras.withFamily(new WebParts.Family(
                Objects.requireNonNull(tags, "tags"),
                Objects.requireNonNull(watch, "watch"),
                Objects.requireNonNull(links, "links")));
        return this;
    }

    /**
     * Serves the officers' console API under {@code /api/v1/officer/} once started, for officers'
     * logins ({@link #withLogins}): their live stream (readings, and the notices of {@link
     * #officerNoticeChannel}), the basin's device health from {@code alerts} and the readings, and
     * their municipality's declared searches with the audited trail read of {@code searches}. Without
     * this call the paths answer 404.
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withOfficers(Searches searches, AlertQueries alerts) {
        return withOfficers(searches, alerts, OfficerStream.MAX_AGE_MS);
    }

    /** For tests: officers' streams end (and reconnect) after {@code streamMaxAgeMs}. */
    synchronized MapWebServer withOfficers(Searches searches, AlertQueries alerts, long streamMaxAgeMs) {
        beforeStart("the officers' console");
        extras = extras.withOfficers(new WebParts.Officers(
                Objects.requireNonNull(searches, "searches"),
                Objects.requireNonNull(alerts, "alerts"),
                batteries,
                streamMaxAgeMs));
        return this;
    }

    /**
     * Serves the read-only NGSI-LD view of the public flood data under {@code /ngsi-ld/v1/entities} once
     * started (Smart Data Models {@code WaterObserved}, {@code FloodMonitoring}, {@code Device}, {@code
     * Alert}; see {@link org.kawamori.mapweb.ngsi.NgsiLdApi}): the sensors, readings and stages this server
     * shows, and the public alerts of {@code alerts}. Without this call the paths answer 404.
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withStandardView(AlertQueries alerts) {
        beforeStart("the NGSI-LD view");
        extras = extras.withStandardView(new WebParts.StandardView(Objects.requireNonNull(alerts, "alerts")));
        return this;
    }

    /**
     * Serves the river-stage thresholds of the gauges once started: as {@code stages} in each feature of
     * {@code GET /api/v1/sensors} and as {@code GET /api/v1/sensors/{id}/stages}; the page draws them as
     * the stage lines of a gauge's chart. Without this call no gauge has stages.
     *
     * @throws IllegalStateException after {@link #start()}
     */
    public synchronized MapWebServer withStages(StationStages stages) {
        beforeStart("the station stages");
        this.stages = Objects.requireNonNull(stages, "stages");
        return this;
    }

    private static ReadingListener invalidating(RenderedCollection collection, ReadingListener next) {
        return (sensor, readings) -> {
            collection.invalidate();
            next.onCommitted(sensor, readings);
        };
    }

    private void beforeStart(String what) {
        if (vertx != null || closed) {
            throw new IllegalStateException(what + " must be configured before start()");
        }
    }

    /**
     * Starts Vert.x and the HTTP server and waits until it listens.
     *
     * @return the port it listens on (the actual one when the configured port is 0)
     * @throws IllegalStateException if it cannot listen (port taken, host not local) or was started before
     */
    public synchronized int start() {
        if (closed) {
            throw new IllegalStateException("map-web server was closed; create a new one");
        }
        if (vertx != null) {
            throw new IllegalStateException("map-web server was already started");
        }
        vertx = Vertx.vertx(vertxOptions());
        verticle = new MapWebVerticle(config, registry, queries, health, keepAliveMs, extras)
                .sensorsWith(stages, collection);
        try {
            vertx.deployVerticle(verticle, new DeploymentOptions())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            closed = true;
            stopVertx();
            throw startFailure(e.getCause());
        } catch (TimeoutException e) {
            closed = true;
            stopVertx();
            throw new IllegalStateException(
                    "map-web did not start listening on " + address() + " within " + START_TIMEOUT_S + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            stopVertx();
            throw new IllegalStateException("interrupted while starting map-web", e);
        }
        outlet.attach(verticle.eventLoop(), verticle.live());
        verticle.officers().ifPresent(stream -> officerOutlet.attach(verticle.eventLoop(), stream));
        int port = verticle.actualPort();
        LOG.info("map-web listening on http://{}:{}/", config.host(), port);
        return port;
    }

    /**
     * The listener to call after each commit. It returns at once (the work is handed to the event loop) and
     * ignores readings while the server is not running.
     */
    public ReadingListener liveFeed() {
        return feeds;
    }

    /**
     * The {@code sse} notification channel, for the notice dispatcher: public flood notices become
     * {@code alert} events on {@code /api/v1/events}, each with the document {@code json} writes (the
     * same one the other channels send, e.g. the notify module's {@code NoticeJson::string}). It may be
     * taken before {@link #start()}; until then, and after {@link #close()}, it delivers to nobody.
     * {@code deliver} never waits for the clients.
     */
    public Notifier noticeChannel(Function<Notice, String> json) {
        return new SseNotifier(outlet, json);
    }

    /** The routes with their methods once started (for the test of the OpenAPI document). */
    java.util.List<String> routes() {
        MapWebVerticle v = verticle;
        return v == null ? List.of() : v.routes();
    }

    /**
     * The {@code officer-sse} notification channel, for the notice dispatcher: officers' notices
     * ({@link org.kawamori.core.alert.Audience.Officers}) become events on {@code
     * /api/v1/officer/events}: the alerts of the rules officers see as {@code alert} events for every
     * officer of the basin, a declared search's notices as {@code search} events for the officers of
     * its municipality only (see {@link OfficerNotifier}). Each carries the document {@code json}
     * writes. It may be taken before {@link #start()}; until then, after {@link #close()}, and without
     * {@link #withOfficers}, it delivers to nobody. {@code deliver} never waits for the clients.
     */
    public Notifier officerNoticeChannel(Function<Notice, String> json) {
        return new OfficerNotifier(officerOutlet, json);
    }

    /** The number of open officers' streams (for metrics and tests). */
    public int officerClientCount() {
        MapWebVerticle v = verticle;
        return v == null ? 0 : v.officers().map(OfficerStream::clientCount).orElse(0);
    }

    /** The number of open event streams (for metrics and tests). */
    public int liveClientCount() {
        MapWebVerticle v = verticle;
        return v == null ? 0 : v.live().clientCount();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        outlet.detach();
        officerOutlet.detach();
        if (vertx != null) {
            stopVertx();
            LOG.info("map-web stopped");
        }
    }

    private void stopVertx() {
        Vertx v = vertx;
        vertx = null;
        try {
            v.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Vert.x did not stop cleanly", e);
        }
    }

    private RuntimeException startFailure(Throwable cause) {
        if (cause instanceof BindException) {
            return new IllegalStateException(
                    "map-web cannot listen on " + address() + ": " + cause.getMessage()
                            + " (is another server using the port? set another port, or 0 for any free one)",
                    cause);
        }
        return new IllegalStateException("map-web could not start on " + address() + ": " + cause, cause);
    }

    private String address() {
        return config.host() + ":" + config.port();
    }

    private static VertxOptions vertxOptions() {
        // Vert.x unpacks classpath resources (the page, Leaflet) into a cache directory; keep it out of the
        // working directory. Each Vert.x instance uses its own sub-directory and deletes it on close.
        String cacheDir = new File(System.getProperty("java.io.tmpdir"), "kawamori-vertx-cache").getPath();
        return new VertxOptions()
                .setEventLoopPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCacheDir(cacheDir));
    }
}
