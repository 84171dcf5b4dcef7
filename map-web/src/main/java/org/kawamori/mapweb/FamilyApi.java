package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.kawamori.core.TagId;
import org.kawamori.core.access.FamilyTags;
import org.kawamori.core.access.Principal;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertRuleAdmin.InvalidRuleException;
import org.kawamori.core.alert.FamilyWatch;
import org.kawamori.core.alert.WatchRuleRow;

/**
 * The family page's API under {@code /api/v1/family}: a guardian's own tags, their trails, their watch
 * rules and lost mode (the family's links are in {@link FamilyLinksApi}).
 *
 * <ul>
 *   <li>{@code GET /tags}: GeoJSON, each tag at its last sighting (null geometry if never seen), with
 *       {@code nickname}, {@code lastSeen}, {@code accuracyMetres}, {@code lost} and {@code search}.
 *   <li>{@code GET /tags/{tag}/trail?from&to&limit}: GeoJSON, a LineString and the sightings as Points;
 *       the last {@value #DEFAULT_TRAIL_HOURS} h by default, at most {@value #MAX_TRAIL_HOURS} h.
 *   <li>{@code GET|PUT /tags/{tag}/rules}: the watch rules ({@link FamilyRules}); 422 naming each bad
 *       rule by its index.
 *   <li>{@code PUT|DELETE /tags/{tag}/lost}: declare the wearer missing (a search the officers see),
 *       or found.
 * </ul>
 *
 * Every route starts with {@link Access#requireFamily} and uses only the caller's family, never a family
 * named by the request; another family's tag answers 404 like an unknown one. Answers are never cached.
 * Logs name the route pattern, never a tag, a family or a nickname.
 */
final class FamilyApi {

    static final String BASE = "/api/v1/family";
    static final int DEFAULT_TRAIL_HOURS = 6;
    static final int MAX_TRAIL_HOURS = 48;
    static final TimeWindow.Limits TRAIL = new TimeWindow.Limits(Duration.ofHours(DEFAULT_TRAIL_HOURS), 1000, 5000);

    private static final String TAG = BASE + "/tags/:tag";
    private static final int BODY_LIMIT = 16 * 1024;

    private final FamilyTags tags;
    private final FamilyWatch watch;
    private final Blocking blocking;
    private final Clock clock;

    FamilyApi(Vertx vertx, FamilyTags tags, FamilyWatch watch, Clock clock) {
        this.tags = tags;
        this.watch = watch;
        this.clock = clock;
        this.blocking = new Blocking(vertx, "the family store", BASE, FamilyApi::refused);
    }

    /** Without the family ports: the family routes answer 404 and say so. */
    static void mountDisabled(Router router) {
        router.route(BASE + "/*").handler(ctx -> Problem.send(ctx, 404, "the family page is not served here"));
    }

    void mount(Router router) {
        router.get(BASE + "/tags").handler(ctx -> family(ctx, this::tags));
        router.get(TAG + "/trail").handler(ctx -> family(ctx, this::trail));
        router.get(TAG + "/rules").handler(ctx -> family(ctx, this::rules));
        router.put(TAG + "/rules").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.put(TAG + "/rules").handler(ctx -> family(ctx, this::replaceRules));
        router.put(TAG + "/lost").handler(ctx -> family(ctx, this::declareLost));
        router.delete(TAG + "/lost").handler(ctx -> family(ctx, this::endLost));
        allow(router, BASE + "/tags", "GET");
        allow(router, TAG + "/trail", "GET");
        allow(router, TAG + "/rules", "GET, PUT");
        allow(router, TAG + "/lost", "PUT, DELETE");
        router.route(BASE + "/tags/*").failureHandler(blocking.failureHandler(BODY_LIMIT / 1024 + " KiB"));
    }

    /** Runs {@code route} for a family caller only (401/403 answered otherwise), never cached. */
    static void family(RoutingContext ctx, BiConsumer<RoutingContext, Principal.FamilyMember> route) {
        Access.requireFamily(ctx).ifPresent(f -> {
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            route.accept(ctx, f);
        });
    }

    static void allow(Router router, String path, String methods) {
        router.route(path).handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.ALLOW, methods);
            Problem.send(ctx, 405, "use " + methods);
        });
    }

    private void tags(RoutingContext ctx, Principal.FamilyMember f) {
        Instant now = clock.instant();
        blocking.run(
                ctx,
                () -> {
                    List<FamilyTags.FamilyTag> mine = tags.tags(f.family());
                    Map<TagId, Optional<AlertRecord>> searches = new LinkedHashMap<>();
                    for (FamilyTags.FamilyTag t : mine) {
                        searches.put(t.tag(), watch.search(f.family(), t.tag()));
                    }
                    return FamilyJson.tags(mine, searches, now);
                },
                (c, doc) -> geoJson(c, doc));
    }

    private void trail(RoutingContext ctx, Principal.FamilyMember f) {
        Optional<TagId> tag = tag(ctx);
        if (tag.isEmpty()) {
            return;
        }
        TimeWindow window = TimeWindow.of(ctx.request(), clock.instant(), TRAIL);
        if (Duration.between(window.from(), window.to()).compareTo(Duration.ofHours(MAX_TRAIL_HOURS)) > 0) {
            throw new Problem.BadRequest(
                    "a trail covers at most " + MAX_TRAIL_HOURS + " hours: narrow 'from' and 'to'");
        }
        blocking.run(
                ctx,
                () -> tags.trail(f.family(), tag.get(), window.from(), window.to(), window.limit())
                        .map(sightings -> FamilyJson.trail(tag.get(), window, sightings)),
                (c, doc) -> doc.ifPresentOrElse(d -> geoJson(c, d), () -> notYours(c)));
    }

    private void rules(RoutingContext ctx, Principal.FamilyMember f) {
        tag(ctx).ifPresent(tag -> blocking.run(
                ctx, () -> FamilyJson.rules(tag, watch.rules(f.family(), tag)), (c, doc) -> HttpJson.ok(c, 200, doc)));
    }

    private void replaceRules(RoutingContext ctx, Principal.FamilyMember f) {
        Optional<TagId> tag = tag(ctx);
        if (tag.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = HttpJson.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        List<WatchRuleRow> rows;
        try {
            rows = FamilyRules.read(body.get(), tag.get(), f);
        } catch (FamilyRules.Shape e) {
            Problem.send(ctx, 422, e.getMessage());
            return;
        } catch (FamilyRules.Refused e) {
            badRules(ctx, e.problems());
            return;
        }
        blocking.run(
                ctx,
                () -> FamilyJson.rules(tag.get(), watch.replaceRules(f.family(), tag.get(), rows, f.login())),
                (c, doc) -> HttpJson.ok(c, 200, doc));
    }

    private void declareLost(RoutingContext ctx, Principal.FamilyMember f) {
        Instant now = clock.instant();
        tag(ctx).ifPresent(tag -> blocking.run(
                ctx,
                () -> lostDocument(tag, Optional.of(watch.declareLost(f.family(), tag, f.login(), now))),
                (c, doc) -> HttpJson.ok(c, 200, doc)));
    }

    private void endLost(RoutingContext ctx, Principal.FamilyMember f) {
        Instant now = clock.instant();
        tag(ctx).ifPresent(tag -> blocking.run(
                ctx,
                () -> {
                    boolean ended = watch.endLost(f.family(), tag, f.login(), now);
                    ObjectNode doc = lostDocument(tag, Optional.empty());
                    doc.put("ended", ended);
                    return doc;
                },
                (c, doc) -> HttpJson.ok(c, 200, doc)));
    }

    private static ObjectNode lostDocument(TagId tag, Optional<AlertRecord> search) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("tag", tag.value());
        return FamilyJson.lost(doc, search);
    }

    /** The path's tag, or empty after answering 404 (a malformed id is as unknown as another family's). */
    private static Optional<TagId> tag(RoutingContext ctx) {
        try {
            return Optional.of(new TagId(ctx.pathParam("tag")));
        } catch (IllegalArgumentException e) {
            notYours(ctx);
            return Optional.empty();
        }
    }

    private static void notYours(RoutingContext ctx) {
        Problem.send(ctx, 404, "no such tag in your family");
    }

    private static void geoJson(RoutingContext ctx, ObjectNode doc) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, SensorJson.GEO_JSON).end(Json.write(doc));
    }

    private static void badRules(RoutingContext ctx, Map<Integer, String> problems) {
        Problem.send(
                ctx,
                422,
                problems.size() == 1 ? "a watch rule is not valid" : problems.size() + " watch rules are not valid",
                body -> {
                    ArrayNode list = body.putArray("problems");
                    problems.forEach((index, problem) ->
                            list.addObject().put("rule", index).put("problem", problem));
                });
    }

    private static boolean refused(RoutingContext ctx, Throwable e) {
        if (e instanceof FamilyWatch.NotYours) {
            notYours(ctx);
            return true;
        }
        if (e instanceof InvalidRuleException invalid) {
            Map<Integer, String> problems = new java.util.TreeMap<>();
            invalid.problems().forEach((key, problem) -> problems.put(index(key), problem));
            badRules(ctx, problems);
            return true;
        }
        return false;
    }

    /** The engine names bad rules by index ("0", "rules[0]"); anything else counts as the whole list (-1). */
    private static int index(String key) {
        String digits = key.replaceAll("[^0-9]", "");
        try {
            return digits.isEmpty() ? -1 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
