package org.kawamori.mapweb.ngsi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.StationStages;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only NGSI-LD view of the public flood data, as FIWARE Smart Data Models, for the prefecture's data
 * platforms: {@code GET /ngsi-ld/v1/entities?type=WaterObserved|FloodMonitoring|Device|Alert} and {@code GET
 * /ngsi-ld/v1/entities/{id}}. It shows what the public map shows and nothing else.
 *
 * <pre>
 * request ──► parameters (type, limit/offset/count, options/format, Accept) ── bad ──► 400/406 ProblemDetails
 *    └─ worker: ReadingQueries.latestStates (enabled sensors, latest primary reading)
 *               + AlertQueries.active filtered by {@link PublicAlerts} (the public map's rules and facts)
 *               + StationStages (warning and danger levels, the stage a level reaches)
 *       ──► {@link PublicEntities}: {@link SensorEntities} / {@link AlertEntity} (keyValues)
 *       ──► the page asked for ──► {@link Normalized} unless keyValues was asked for
 *       ──► application/json + Link: the Smart Data Models context, or application/ld+json with {@code @context}
 * </pre>
 *
 * No route here is behind a login, so no caller sees more than the public: tag, family and detection alerts
 * never come here ({@link PublicAlerts} shows the public rules only), disabled sensors are left out as on
 * the map, experimental ones are marked as there. The ports may block: they run on workers. Logs name the
 * route pattern, never an id.
 */
public final class NgsiLdApi {

    private static final Logger LOG = LoggerFactory.getLogger(NgsiLdApi.class);

    static final String ROOT = "/ngsi-ld";
    static final String ENTITIES = ROOT + "/v1/entities";
    /** The Smart Data Models' context of all their models (the terms of every entity here). */
    static final String CONTEXT = "https://smartdatamodels.org/context.jsonld";

    static final String CORE_CONTEXT = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";
    static final String CONTEXT_LINK =
            "<" + CONTEXT + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";
    static final String RESULTS_COUNT = "NGSILD-Results-Count";

    /** NGSI-LD query parameters this view does not evaluate: refused, not ignored (that would be a wrong answer). */
    static final Set<String> UNSUPPORTED = Set.of(
            "id",
            "idPattern",
            "q",
            "attrs",
            "pick",
            "omit",
            "georel",
            "geometry",
            "coordinates",
            "geoproperty",
            "csf",
            "scopeQ",
            "lang",
            "datasetId",
            "local",
            "join");

    private final Vertx vertx;
    private final PublicEntities entities;

    public NgsiLdApi(
            Vertx vertx,
            SensorRegistry registry,
            ReadingQueries readings,
            StationStages stages,
            AlertQueries alerts,
            PublicAlerts visible) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.entities = new PublicEntities(
                Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(readings, "readings"),
                Objects.requireNonNull(stages, "stages"),
                Objects.requireNonNull(alerts, "alerts"),
                Objects.requireNonNull(visible, "visible"));
    }

    /** Without the view: every {@code /ngsi-ld/…} path answers 404 and says so. */
    public static void mountDisabled(Router router) {
        router.route(ROOT + "/*")
                .handler(ctx -> NgsiProblem.send(
                        ctx,
                        NgsiProblem.notFound("the NGSI-LD view is not served by this instance (withStandardView)")));
    }

    public void mount(Router router) {
        router.get(ENTITIES).handler(this::entities);
        router.get(ENTITIES + "/:id").handler(this::entity);
        router.route(ENTITIES).handler(NgsiLdApi::readOnly);
        router.route(ENTITIES + "/:id").handler(NgsiLdApi::readOnly);
        router.route(ROOT + "/*")
                .handler(ctx -> NgsiProblem.send(
                        ctx, NgsiProblem.notFound("this view serves " + ENTITIES + " and " + ENTITIES + "/{id}")));
    }

    private static void readOnly(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.ALLOW, "GET");
        NgsiProblem.send(ctx, 405, "about:blank", "Method Not Allowed", "this NGSI-LD view is read-only");
    }

    // --- GET /ngsi-ld/v1/entities ------------------------------------------------------------------------

    private void entities(RoutingContext ctx) {
        List<EntityType> types;
        Paging paging;
        Representation representation;
        try {
            refuseUnsupported(ctx.queryParams());
            types = types(ctx.queryParams().get("type"));
            paging = Paging.of(ctx.queryParams());
            representation = Representation.of(ctx.queryParams(), ctx.request().getHeader("Accept"));
        } catch (NgsiProblem.Refused problem) {
            NgsiProblem.send(ctx, problem);
            return;
        }
        vertx.executeBlocking(
                        () -> {
                            List<Supplier<ObjectNode>> all = entities.matching(types);
                            List<ObjectNode> page =
                                    paging.page(all).stream().map(Supplier::get).toList();
                            return new Found(page, all.size());
                        },
                        false)
                .onSuccess(found -> answerList(ctx, found, paging, representation))
                .onFailure(e -> failed(ctx, e));
    }

    /** One page of entities and how many match in all. */
    private record Found(List<ObjectNode> page, int total) {}

    private static List<EntityType> types(String param) {
        if (param == null || param.isBlank()) {
            throw NgsiProblem.badRequest("give 'type': one or more of WaterObserved, FloodMonitoring, Device, Alert");
        }
        Set<EntityType> types = new LinkedHashSet<>();
        for (String name : param.split(",")) {
            String n = name.strip();
            types.add(EntityType.named(n)
                    .orElseThrow(() -> NgsiProblem.badRequest("type '" + clip(n)
                            + "' is not served here: WaterObserved, FloodMonitoring, Device or Alert")));
        }
        return List.copyOf(types);
    }

    private void answerList(RoutingContext ctx, Found found, Paging paging, Representation representation) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        found.page().forEach(e -> body.add(render(e, representation)));
        if (paging.count()) {
            ctx.response().putHeader(RESULTS_COUNT, Integer.toString(found.total()));
        }
        List<String> links = new ArrayList<>();
        if (!representation.linkedData()) {
            links.add(CONTEXT_LINK);
        }
        if (paging.more(found.total())) {
            links.add(pageLink(ctx, paging.offset() + paging.limit(), paging.limit(), "next"));
        }
        if (paging.offset() > 0 && paging.limit() > 0) {
            links.add(pageLink(ctx, Math.max(0, paging.offset() - paging.limit()), paging.limit(), "prev"));
        }
        answer(ctx, representation, links, body.toString());
    }

    private static String pageLink(RoutingContext ctx, int offset, int limit, String rel) {
        StringBuilder uri = new StringBuilder(ENTITIES).append('?');
        MultiMap params = ctx.queryParams();
        for (String name : params.names()) {
            if (name.equals("offset") || name.equals("limit")) {
                continue;
            }
            for (String value : params.getAll(name)) {
                uri.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        }
        uri.append("limit=").append(limit).append("&offset=").append(offset);
        return "<" + uri + ">; rel=\"" + rel + "\"";
    }

    // --- GET /ngsi-ld/v1/entities/{id} -------------------------------------------------------------------

    private void entity(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Representation representation;
        Optional<EntityType.Id> parsed;
        try {
            refuseUnsupported(ctx.queryParams());
            representation = Representation.of(ctx.queryParams(), ctx.request().getHeader("Accept"));
            if (id == null || id.indexOf(':') < 1) {
                throw NgsiProblem.badRequest("an entity id is a URI, e.g. urn:ngsi-ld:WaterObserved:<sensor id>");
            }
            parsed = EntityType.parse(id);
        } catch (NgsiProblem.Refused problem) {
            NgsiProblem.send(ctx, problem);
            return;
        }
        if (parsed.isEmpty()) {
            NgsiProblem.send(ctx, NgsiProblem.notFound("no entity with this id"));
            return;
        }
        vertx.executeBlocking(() -> entities.find(parsed.get()), false)
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        NgsiProblem.send(ctx, NgsiProblem.notFound("no entity with this id"));
                    } else {
                        List<String> links = representation.linkedData() ? List.of() : List.of(CONTEXT_LINK);
                        answer(
                                ctx,
                                representation,
                                links,
                                render(found.get(), representation).toString());
                    }
                })
                .onFailure(e -> failed(ctx, e));
    }

    // --- plumbing ----------------------------------------------------------------------------------------

    private static ObjectNode render(ObjectNode keyValues, Representation representation) {
        ObjectNode entity = keyValues;
        if (representation.linkedData()) {
            entity = keyValues.deepCopy();
            entity.putArray("@context").add(CONTEXT).add(CORE_CONTEXT);
        }
        return representation.keyValues() ? entity : Normalized.of(entity);
    }

    private static void answer(RoutingContext ctx, Representation representation, List<String> links, String body) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, representation.contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader(HttpHeaders.VARY, "Accept");
        if (!links.isEmpty()) {
            ctx.response().putHeader("Link", String.join(", ", links));
        }
        ctx.response().end(body);
    }

    private static void refuseUnsupported(MultiMap params) {
        for (String name : params.names()) {
            if (UNSUPPORTED.contains(name)) {
                throw NgsiProblem.badRequest(
                        "'" + name + "' is not supported by this read-only view: ask by type, with limit and offset");
            }
        }
    }

    private static void failed(RoutingContext ctx, Throwable e) {
        String route =
                ctx.currentRoute() == null ? ENTITIES : ctx.currentRoute().getPath();
        if (e instanceof StoreUnavailableException) {
            LOG.warn("GET {}: store unavailable: {}", route, e.getMessage());
            NgsiProblem.send(
                    ctx, 503, "about:blank", "Service Unavailable", "the store is unavailable; try again shortly");
        } else {
            LOG.error("GET {} failed: {}", route, e.toString());
            NgsiProblem.send(ctx, 500, NgsiProblem.INTERNAL_ERROR, "Internal error", "internal error");
        }
    }

    private static String clip(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
