package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.kawamori.core.Alert;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.access.Principal;
import org.kawamori.core.alert.AlertCommands;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.port.SensorRegistry;

/**
 * {@code /api/v1/alerts}: active alerts, one alert, its transitions, the history, and acknowledging.
 * The public and families see {@link AlertView#PUBLIC}; officers (of any municipality: flood data is
 * the basin's) and administrators {@link AlertView#OFFICERS}. Only an officer of the alert's
 * municipality, or an administrator, acknowledges it (403 for another municipality's). The caller
 * comes from {@link AccessHandler} (a session cookie, or the admin bearer token). An alert
 * the caller may not see answers 404 like one that does not exist. The ports may block: they run on
 * workers. Logs name the route pattern, never the path or a fact.
 */
final class AlertApi {

    static final String BASE = "/api/v1/alerts";
    static final String REALM = "Bearer realm=\"kawamori\"";
    static final TimeWindow.Limits HISTORY = new TimeWindow.Limits(Duration.ofDays(7), 100, 1000);

    /** Rows read from the store per history request before a page that has something may stop short. */
    static final int SCAN_BUDGET = 10_000;

    private static final int SCAN_BATCH = 500;
    private static final int ACK_BODY_LIMIT = 4096;

    private final AlertQueries queries;
    private final AlertCommands commands;
    private final SensorRegistry registry;
    private final Blocking blocking;
    private final Clock clock;

    AlertApi(Vertx vertx, AlertQueries queries, AlertCommands commands, SensorRegistry registry, Clock clock) {
        this.blocking = new Blocking(vertx, "the alert store", BASE, (ctx, e) -> false);
        this.queries = queries;
        this.commands = commands;
        this.registry = registry;
        this.clock = clock;
    }

    /** Without alert ports: the alert routes answer 404 and say so. */
    static void mountDisabled(Router router) {
        router.route(BASE).handler(AlertApi::disabled);
        router.route(BASE + "/*").handler(AlertApi::disabled);
    }

    private static void disabled(RoutingContext ctx) {
        Problem.send(ctx, 404, "alerts are not served by this instance (no alert store is configured)");
    }

    void mount(Router router) {
        // the caller is known (AccessHandler) before any of these runs
        router.get(BASE).handler(this::active);
        router.get(BASE + "/history").handler(this::history);
        router.get(BASE + "/:id").handler(this::one);
        router.get(BASE + "/:id/transitions").handler(this::transitions);
        String acknowledge = BASE + "/:id/acknowledge";
        // separate routes: Vert.x wants a body handler first on its route, and the body waits for the caller
        router.post(acknowledge).handler(ctx -> Access.requireStaff(ctx).ifPresent(p -> ctx.next()));
        router.post(acknowledge).handler(BodyHandler.create(false).setBodyLimit(ACK_BODY_LIMIT));
        router.post(acknowledge).handler(this::acknowledge);
        Handler<RoutingContext> failure = blocking.failureHandler(ACK_BODY_LIMIT + " bytes");
        router.route(BASE).failureHandler(failure);
        router.route(BASE + "/*").failureHandler(failure);
    }

    // --- reads ----------------------------------------------------------------------------------

    /** {@code GET /api/v1/alerts[?municipality=CODE][&format=geojson]}: the active alerts the caller may see. */
    private void active(RoutingContext ctx) {
        Optional<MunicipalityCode> municipality = municipality(ctx);
        boolean geo = geoJson(ctx);
        AlertView view = view(ctx);
        blocking(
                ctx,
                () -> {
                    List<AlertRecord> shown = queries.active(municipality).stream()
                            .filter(view::shows)
                            .toList();
                    return geo
                            ? AlertJson.featureCollection(shown, view, stations(shown))
                            : AlertJson.list(shown, view);
                },
                (c, body) -> answer(c, geo ? SensorJson.GEO_JSON : "application/json", Json.write(body)));
    }

    /** The station of each flood alert (its {@code station} fact), for the GeoJSON variant. */
    private Map<Long, Sensor> stations(List<AlertRecord> alerts) {
        Map<String, Optional<Sensor>> byId = new HashMap<>();
        Map<Long, Sensor> stations = new HashMap<>();
        for (AlertRecord a : alerts) {
            String station = a.detail().get("station");
            if (station == null || !DeviceId.isValid(station)) {
                continue;
            }
            byId.computeIfAbsent(station, id -> registry.findSensor(DeviceId.of(id)))
                    .ifPresent(s -> stations.put(a.id(), s));
        }
        return stations;
    }

    private void one(RoutingContext ctx) {
        withVisible(ctx, (alert, view) -> AlertJson.alert(alert, view));
    }

    private void transitions(RoutingContext ctx) {
        withVisible(ctx, (alert, view) -> AlertJson.transitions(alert.id(), queries.transitions(alert.id()), view));
    }

    /** Answers {@code json} of the alert named in the path (on a worker), or 404 when the caller may not see it. */
    private void withVisible(RoutingContext ctx, BiFunction<AlertRecord, AlertView, ObjectNode> json) {
        OptionalLong id = id(ctx);
        if (id.isEmpty()) {
            notFound(ctx);
            return;
        }
        AlertView view = view(ctx);
        blocking(
                ctx,
                () -> visible(id.getAsLong(), view).map(alert -> Json.write(json.apply(alert, view))),
                (c, body) -> {
                    if (body.isEmpty()) {
                        notFound(c);
                    } else {
                        answer(c, "application/json", body.get());
                    }
                });
    }

    /**
     * {@code GET /api/v1/alerts/history?from=&to=&limit=&before=&municipality=}: the alerts the caller
     * may see that changed within the window, the most recently changed first, a page at a time. The
     * store does not know who sees what, so a page is filled from as many store pages as it takes; its
     * {@code next} link carries the last alert shown as {@code before}, and the window, fixed.
     */
    private void history(RoutingContext ctx) {
        TimeWindow window = TimeWindow.of(ctx.request(), clock.instant(), HISTORY);
        Optional<MunicipalityCode> municipality = municipality(ctx);
        OptionalLong before = before(ctx);
        AlertView view = view(ctx);
        blocking(
                ctx,
                () -> {
                    if (before.isPresent() && visible(before.getAsLong(), view).isEmpty()) {
                        return Optional.<Page>empty();
                    }
                    return Optional.of(page(view, municipality, window, before));
                },
                (c, page) -> {
                    if (page.isEmpty()) {
                        Problem.send(c, 400, "'before' must be the id of the last alert of a previous page");
                        return;
                    }
                    answer(c, "application/json", Json.write(historyJson(window, municipality, page.get(), view)));
                });
    }

    /** One page of history: the alerts shown, and whether more may follow. */
    private record Page(List<AlertRecord> alerts, boolean more) {}

    private Page page(AlertView view, Optional<MunicipalityCode> municipality, TimeWindow window, OptionalLong before) {
        int limit = window.limit();
        List<AlertRecord> shown = new ArrayList<>();
        Optional<Long> cursor = before.isPresent() ? Optional.of(before.getAsLong()) : Optional.empty();
        int batch = limit + 1;
        int scanned = 0;
        while (true) {
            List<AlertRecord> rows = queries.changedBetween(municipality, window.from(), window.to(), batch, cursor);
            for (AlertRecord row : rows) {
                if (view.shows(row)) {
                    shown.add(row);
                    if (shown.size() > limit) {
                        return new Page(shown.subList(0, limit), true);
                    }
                }
            }
            scanned += rows.size();
            if (rows.size() < batch) {
                return new Page(shown, false);
            }
            if (scanned >= SCAN_BUDGET && !shown.isEmpty()) {
                // a short page, so that one request stays bounded; the next one carries on after it
                return new Page(shown, true);
            }
            cursor = Optional.of(rows.get(rows.size() - 1).id());
            batch = Math.max(batch, SCAN_BATCH);
        }
    }

    private static ObjectNode historyJson(
            TimeWindow window, Optional<MunicipalityCode> municipality, Page page, AlertView view) {
        var body = AlertJson.list(page.alerts(), view);
        body.put("from", window.from().toString());
        body.put("to", window.to().toString());
        body.put("municipality", municipality.map(MunicipalityCode::value).orElse(null));
        if (page.more() && !page.alerts().isEmpty()) {
            long last = page.alerts().get(page.alerts().size() - 1).id();
            StringBuilder next = new StringBuilder(BASE + "/history?from=")
                    .append(encode(window.from().toString()))
                    .append("&to=")
                    .append(encode(window.to().toString()))
                    .append("&limit=")
                    .append(window.limit());
            municipality.ifPresent(m -> next.append("&municipality=").append(m.value()));
            body.put("next", next.append("&before=").append(last).toString());
        } else {
            body.putNull("next");
        }
        return body;
    }

    // --- acknowledge ----------------------------------------------------------------------------

    /** What acknowledging came to. */
    private record Acknowledged(int status, Optional<AlertRecord> alert) {}

    /**
     * {@code POST /api/v1/alerts/{id}/acknowledge}: by the authenticated caller (a body naming someone
     * else is not read); 200 with the alert after it, 404 when there is no such alert the caller may
     * see, 409 when it is cleared already.
     */
    private void acknowledge(RoutingContext ctx) {
        OptionalLong id = id(ctx);
        if (id.isEmpty()) {
            notFound(ctx);
            return;
        }
        long alertId = id.getAsLong();
        Principal caller = Access.principal(ctx);
        String by = caller.name();
        blocking(
                ctx,
                () -> {
                    Optional<AlertRecord> found = visible(alertId, AlertView.OFFICERS);
                    if (found.isEmpty()) {
                        return new Acknowledged(404, Optional.empty());
                    }
                    if (caller instanceof Principal.Officer o
                            && !o.municipality().equals(found.get().alert().municipality())) {
                        return new Acknowledged(403, found);
                    }
                    if (found.get().alert().state() == Alert.State.CLEARED) {
                        return new Acknowledged(409, found);
                    }
                    Optional<AlertRecord> after = commands.acknowledge(alertId, by, clock.instant());
                    if (after.isPresent()) {
                        return new Acknowledged(200, after);
                    }
                    // cleared in the meantime, or gone
                    Optional<AlertRecord> now = visible(alertId, AlertView.OFFICERS);
                    return new Acknowledged(
                            now.isPresent() && now.get().alert().state() == Alert.State.CLEARED ? 409 : 404, now);
                },
                (c, result) -> {
                    switch (result.status()) {
                        case 200 ->
                            answer(
                                    c,
                                    "application/json",
                                    Json.write(AlertJson.alert(result.alert().orElseThrow(), AlertView.OFFICERS)));
                        case 403 ->
                            Problem.send(
                                    c,
                                    403,
                                    "alert " + alertId
                                            + " belongs to another municipality: its officers acknowledge it");
                        case 409 ->
                            Problem.send(c, 409, "alert " + alertId + " is cleared: there is nothing to acknowledge");
                        default -> Problem.send(c, 404, "there is no active alert with id " + alertId);
                    }
                });
    }

    // --- parameters (a bad one throws Problem.BadRequest: 400)
    // -----------------------------------------------------------------------------

    private static AlertView view(RoutingContext ctx) {
        Principal p = Access.principal(ctx);
        return p instanceof Principal.Officer || p instanceof Principal.Administrator
                ? AlertView.OFFICERS
                : AlertView.PUBLIC;
    }

    /** The alert, if it exists and this view may see it. */
    private Optional<AlertRecord> visible(long alertId, AlertView view) {
        return queries.find(alertId).filter(view::shows);
    }

    private static OptionalLong id(RoutingContext ctx) {
        return positiveLong(ctx.pathParam("id"));
    }

    private static OptionalLong positiveLong(String text) {
        if (text == null
                || text.isEmpty()
                || text.length() > 18
                || !text.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(text);
        return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
    }

    private static OptionalLong before(RoutingContext ctx) {
        String text = ctx.request().getParam("before");
        if (text == null) {
            return OptionalLong.empty();
        }
        OptionalLong before = positiveLong(text.strip());
        if (before.isEmpty()) {
            throw new Problem.BadRequest("'before' must be the id of the last alert of a previous page");
        }
        return before;
    }

    private static Optional<MunicipalityCode> municipality(RoutingContext ctx) {
        String code = ctx.request().getParam("municipality");
        if (code == null) {
            return Optional.empty();
        }
        if (!MunicipalityCode.isValid(code.strip())) {
            throw new Problem.BadRequest("'municipality' must be a 6-digit local government code with its check digit");
        }
        return Optional.of(MunicipalityCode.of(code.strip()));
    }

    private static boolean geoJson(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("geojson")) {
            return true;
        }
        throw new Problem.BadRequest("'format' must be json or geojson");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // --- plumbing -------------------------------------------------------------------------------

    /** Officers' answers are not stored by caches; the public's may be, after revalidation. */
    private static void answer(RoutingContext ctx, String contentType, String body) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, Access.personal(ctx) ? "no-store" : "no-cache")
                .putHeader(HttpHeaders.VARY, "Authorization, Cookie")
                .end(body);
    }

    private static void notFound(RoutingContext ctx) {
        Problem.send(ctx, 404, "no such alert");
    }

    private <T> void blocking(RoutingContext ctx, Callable<T> work, BiConsumer<RoutingContext, T> answer) {
        blocking.run(ctx, work, answer);
    }
}
