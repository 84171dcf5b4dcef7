package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kawamori.core.alert.AlertRuleAdmin;
import org.kawamori.core.alert.AlertRuleAdmin.InvalidRuleException;

/**
 * {@code GET} and {@code PATCH /api/v1/admin/alert-settings}: the alert engine's layered settings
 * (keys as in its defaults file) for an administrator with the admin bearer token. Changes are
 * checked by {@link AlertRuleAdmin} (all or none) and made by the authenticated caller.
 */
final class AlertSettingsApi {

    static final String PATH = AdminApi.BASE + "/alert-settings";
    static final int BODY_LIMIT = 64 * 1024;

    private static final String SHAPE =
            "send {\"set\": {\"<key>\": \"<value>\"}, \"remove\": [\"<key>\"]} (either may be left out)";

    private final AlertRuleAdmin rules;
    private final BearerAuth bearer;
    private final Blocking blocking;

    AlertSettingsApi(Vertx vertx, AlertRuleAdmin rules, AdminAuth auth) {
        this.rules = rules;
        this.bearer = AdminApi.bearer(vertx, auth);
        this.blocking = new Blocking(vertx, "the settings store", PATH, AlertSettingsApi::refused);
    }

    void mount(Router router) {
        router.route(PATH).handler(bearer::required);
        router.route(PATH).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.get(PATH).handler(this::read);
        router.patch(PATH).handler(this::update);
        router.route(PATH).handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.ALLOW, "GET, PATCH");
            Problem.send(ctx, 405, "alert settings are read with GET and changed with PATCH");
        });
        router.route(PATH).failureHandler(blocking.failureHandler(BODY_LIMIT / 1024 + " KiB"));
    }

    private void read(RoutingContext ctx) {
        blocking.run(
                ctx,
                () -> {
                    ObjectNode body = Json.MAPPER.createObjectNode();
                    body.set("defaults", map(rules.defaults()));
                    body.set("stored", map(rules.stored()));
                    return body;
                },
                AlertSettingsApi::ok);
    }

    private void update(RoutingContext ctx) {
        Optional<JsonNode> json = HttpJson.body(ctx);
        if (json.isEmpty()) {
            return;
        }
        Map<String, String> set;
        Set<String> remove;
        try {
            set = set(json.get());
            remove = remove(json.get());
        } catch (IllegalArgumentException e) {
            Problem.send(ctx, 422, e.getMessage());
            return;
        }
        String by = BearerAuth.caller(ctx).orElseThrow().name();
        blocking.run(
                ctx,
                () -> {
                    rules.update(set, remove, by);
                    ObjectNode body = Json.MAPPER.createObjectNode();
                    body.set("stored", map(rules.stored()));
                    return body;
                },
                AlertSettingsApi::ok);
    }

    private static Map<String, String> set(JsonNode body) {
        Set<String> members = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(members::add);
        members.removeAll(Set.of("set", "remove"));
        if (!members.isEmpty() || (!body.has("set") && !body.has("remove"))) {
            throw new IllegalArgumentException(SHAPE);
        }
        JsonNode set = body.path("set");
        if (set.isMissingNode()) {
            return Map.of();
        }
        if (!set.isObject()) {
            throw new IllegalArgumentException("\"set\" must be an object of keys and values; " + SHAPE);
        }
        Map<String, String> values = new TreeMap<>();
        set.fields().forEachRemaining(member -> {
            if (!member.getValue().isValueNode() || member.getValue().isNull()) {
                throw new IllegalArgumentException("the value of '" + member.getKey()
                        + "' must be a string, number or boolean (use \"remove\" to go back to the default)");
            }
            values.put(member.getKey(), member.getValue().asText());
        });
        return values;
    }

    private static Set<String> remove(JsonNode body) {
        JsonNode remove = body.path("remove");
        if (remove.isMissingNode()) {
            return Set.of();
        }
        if (!remove.isArray()) {
            throw new IllegalArgumentException("\"remove\" must be an array of keys; " + SHAPE);
        }
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode key : remove) {
            if (!key.isTextual()) {
                throw new IllegalArgumentException("\"remove\" must be an array of keys (strings)");
            }
            if (body.path("set").has(key.asText())) {
                throw new IllegalArgumentException("'" + key.asText() + "' is both set and removed");
            }
            keys.add(key.asText());
        }
        return keys;
    }

    private static ObjectNode map(Map<String, String> settings) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        new TreeMap<>(settings).forEach(node::put);
        return node;
    }

    private static void ok(RoutingContext ctx, ObjectNode body) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        HttpJson.ok(ctx, 200, body);
    }

    /** Refused settings: 422 naming each key and why. */
    private static boolean refused(RoutingContext ctx, Throwable e) {
        if (!(e instanceof InvalidRuleException invalid)) {
            return false;
        }
        Map<String, String> problems = new TreeMap<>(invalid.problems());
        Problem.send(
                ctx,
                422,
                "nothing was changed: " + problems.size() + " setting(s) refused: "
                        + problems.entrySet().stream()
                                .map(p -> p.getKey() + ": " + p.getValue())
                                .collect(Collectors.joining("; ")),
                body -> {
                    ArrayNode list = body.putArray("problems");
                    problems.forEach(
                            (key, detail) -> list.addObject().put("key", key).put("detail", detail));
                });
        return true;
    }
}
