package org.kawamori.mapweb;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.kawamori.core.Alert;
import org.kawamori.core.TagSighting;
import org.kawamori.core.access.Principal;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.Searches;
import org.kawamori.core.port.ReadingQueries;

/**
 * The officers' console API under {@code /api/v1/officer/}, for an officer's login only (401 for the
 * public, 403 for a family or an administrator):
 *
 * <ul>
 *   <li>{@code GET events}: the officers' live stream ({@link OfficerStream}).
 *   <li>{@code GET devices[?only=problems]}: the basin's device health ({@link OfficerDevices}).
 *   <li>{@code GET searches}: the declared searches of the officer's municipality, no trail.
 *   <li>{@code GET searches/{id}/trail}: the search's sightings as GeoJSON, each read audited by the
 *       port before it answers; 404 when there is no declared search with that id for the officer's
 *       municipality (the same for another municipality's, and once the search ended).
 * </ul>
 *
 * Answers are {@code no-store}. Logs name the route pattern, never a path, a tag or a position.
 */
final class OfficerApi {

    static final String BASE = "/api/v1/officer";
    static final String SEARCHES = BASE + "/searches";

    private final Searches searches;
    private final AlertQueries alerts;
    private final ReadingQueries readings;
    private final LatestBatteries batteries;
    private final OfficerStream stream;
    private final Blocking blocking;
    private final Clock clock;

    OfficerApi(
            Vertx vertx,
            Searches searches,
            AlertQueries alerts,
            ReadingQueries readings,
            LatestBatteries batteries,
            OfficerStream stream,
            Clock clock) {
        this.searches = searches;
        this.alerts = alerts;
        this.readings = readings;
        this.batteries = batteries;
        this.stream = stream;
        this.clock = clock;
        this.blocking = new Blocking(vertx, "the alert store", BASE, (ctx, e) -> {
            if (e instanceof Searches.NoSuchSearch) {
                Problem.send(ctx, 404, e.getMessage());
                return true;
            }
            return false;
        });
    }

    void mount(Router router) {
        router.get(BASE + "/events")
                .handler(ctx -> Access.requireOfficer(ctx).ifPresent(o -> stream.subscribe(ctx, o)));
        router.get(BASE + "/devices").handler(ctx -> Access.requireOfficer(ctx).ifPresent(o -> devices(ctx)));
        router.get(SEARCHES).handler(ctx -> Access.requireOfficer(ctx).ifPresent(o -> searches(ctx, o)));
        router.get(SEARCHES + "/:id/trail")
                .handler(ctx -> Access.requireOfficer(ctx).ifPresent(o -> trail(ctx, o)));
        router.route(BASE + "/*").failureHandler(blocking.failureHandler("0 bytes"));
    }

    private void devices(RoutingContext ctx) {
        String only = ctx.request().getParam("only");
        if (only != null && !only.equals("problems")) {
            Problem.send(ctx, 400, "'only' must be 'problems' (missing or low battery), or left out for all");
            return;
        }
        blocking.run(
                ctx,
                () -> Json.write(OfficerDevices.json(
                        readings.latestStates(),
                        alerts.active(Optional.empty()).stream()
                                .filter(a -> a.alert().state() != Alert.State.CLEARED)
                                .toList(),
                        batteries,
                        clock.instant(),
                        only != null)),
                (c, body) -> answer(c, "application/json", body));
    }

    private void searches(RoutingContext ctx, Principal.Officer officer) {
        blocking.run(
                ctx,
                () -> Json.write(OfficerSearchJson.searches(searches.active(officer))),
                (c, body) -> answer(c, "application/json", body));
    }

    private void trail(RoutingContext ctx, Principal.Officer officer) {
        OptionalLong id = positive(ctx.pathParam("id"));
        if (id.isEmpty()) {
            Problem.send(ctx, 404, new Searches.NoSuchSearch().getMessage());
            return;
        }
        blocking.run(
                ctx,
                () -> {
                    Instant at = clock.instant();
                    List<TagSighting> trail = searches.trail(id.getAsLong(), officer, at);
                    return Json.write(OfficerSearchJson.trail(id.getAsLong(), trail, at));
                },
                (c, body) -> answer(c, SensorJson.GEO_JSON, body));
    }

    private static OptionalLong positive(String text) {
        if (text == null
                || text.isEmpty()
                || text.length() > 18
                || !text.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(text);
        return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
    }

    private static void answer(RoutingContext ctx, String contentType, String body) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.VARY, "Cookie")
                .end(body);
    }
}
