package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.port.RegistryAdmin;
import org.kawamori.core.registry.EntryType;
import org.kawamori.core.registry.RegistryCsv;
import org.kawamori.core.registry.RegistryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API under {@code /api/v1/admin/}: lists, adds, imports, enables, disables and keys the
 * registry through core's {@link RegistryAdmin}. Every request needs a bearer token that {@link
 * AdminAuth} accepts (checked on a worker: the hash is slow). Responses never carry a secret or a DTLS
 * key; tag ids only in the audited listing of one municipality. Logs name the route, never its path
 * (which may hold an id), and never a body.
 */
final class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    static final String BASE = "/api/v1/admin";
    static final int BODY_LIMIT = 4 * 1024 * 1024;
    static final String REALM = "Bearer realm=\"kawamori-admin\"";

    private static final int MAX_PURPOSE = 500;

    private final Vertx vertx;
    private final RegistryAdmin admin;
    private final BearerAuth bearer;
    private final Blocking blocking;

    AdminApi(Vertx vertx, RegistryAdmin admin, AdminAuth auth) {
        this.vertx = vertx;
        this.admin = admin;
        this.bearer = bearer(vertx, auth);
        this.blocking = new Blocking(vertx, "the registry", BASE, AdminApi::refused);
    }

    /** The admin routes' token check. */
    static BearerAuth bearer(Vertx vertx, AdminAuth auth) {
        return new BearerAuth(
                vertx,
                auth,
                REALM,
                "an admin bearer token is required: Authorization: Bearer <token>",
                "the admin bearer token is not valid");
    }

    /** Without an admin configuration: every admin route answers 404 and says how to turn it on. */
    static void mountDisabled(Router router) {
        router.route(BASE + "/*")
                .handler(ctx -> Problem.send(
                        ctx,
                        404,
                        "the admin API is disabled: configure an admin token"
                                + " (KAWAMORI_ADMIN_TOKEN_HASH, or KAWAMORI_ADMIN_TOKEN) to turn it on"));
    }

    void mount(Router router) {
        router.route(BASE + "/*").handler(bearer::required);
        router.route(BASE + "/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.route(BASE + "/*").handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            ctx.next();
        });
        router.get(BASE + "/sensors").handler(ctx -> list(ctx, "sensors", admin::sensors, RegistryJson::sensor));
        router.get(BASE + "/gateways").handler(ctx -> list(ctx, "gateways", admin::gateways, RegistryJson::gateway));
        router.get(BASE + "/tags").handler(this::tags);
        router.post(BASE + "/sensors").handler(ctx -> add(ctx, EntryType.SENSOR));
        router.post(BASE + "/gateways").handler(ctx -> add(ctx, EntryType.GATEWAY));
        router.post(BASE + "/tags").handler(ctx -> add(ctx, EntryType.TAG));
        router.post(BASE + "/import").handler(this::importCsv);
        router.patch(BASE + "/sensors/:id").handler(ctx -> patchDevice(ctx, EntryType.SENSOR));
        router.patch(BASE + "/gateways/:id").handler(ctx -> patchDevice(ctx, EntryType.GATEWAY));
        // a tag id is personal data: it travels in the body, never in a URL (logs, proxies, history)
        router.patch(BASE + "/tags").handler(this::patchTag);
        router.put(BASE + "/sensors/:id/psk").handler(ctx -> putPsk(ctx, EntryType.SENSOR));
        router.put(BASE + "/gateways/:id/psk").handler(ctx -> putPsk(ctx, EntryType.GATEWAY));
        router.delete(BASE + "/sensors/:id/psk").handler(ctx -> deletePsk(ctx, EntryType.SENSOR));
        router.delete(BASE + "/gateways/:id/psk").handler(ctx -> deletePsk(ctx, EntryType.GATEWAY));
        router.route(BASE + "/*").handler(ctx -> Problem.send(ctx, 404, "no such admin resource or method"));
        router.route(BASE + "/*").failureHandler(blocking.failureHandler(BODY_LIMIT / (1024 * 1024) + " MiB"));
    }

    private static AdminAuth.Caller caller(RoutingContext ctx) {
        return BearerAuth.caller(ctx).orElseThrow();
    }

    // --- lists ----------------------------------------------------------------------------------

    private <T> void list(RoutingContext ctx, String name, Callable<List<T>> rows, Function<T, ObjectNode> toJson) {
        blocking(ctx, rows, (c, found) -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            ArrayNode list = body.putArray(name);
            found.forEach(row -> list.add(toJson.apply(row)));
            HttpJson.ok(c, 200, body);
        });
    }

    /**
     * Counts per municipality; with {@code ?municipality=CODE} (and an optional {@code purpose=}) the
     * tags of that municipality, written to the audit log before they are read out.
     */
    private void tags(RoutingContext ctx) {
        String code = ctx.request().getParam("municipality");
        if (code == null) {
            blocking(ctx, admin::tagCounts, (c, counts) -> {
                ObjectNode body = Json.MAPPER.createObjectNode();
                ArrayNode list = body.putArray("counts");
                counts.forEach((m, n) ->
                        list.addObject().put("municipality", m.value()).put("tags", n));
                body.put(
                        "note",
                        "tag ids are personal data: list one municipality's with ?municipality=CODE"
                                + " (written to the audit log)");
                HttpJson.ok(c, 200, body);
            });
            return;
        }
        if (!MunicipalityCode.isValid(code)) {
            Problem.send(ctx, 400, "municipality must be a 6-digit local government code with its check digit");
            return;
        }
        Optional<String> purpose = Optional.ofNullable(ctx.request().getParam("purpose"))
                .map(String::strip)
                .filter(p -> !p.isEmpty());
        if (purpose.isPresent() && purpose.get().length() > MAX_PURPOSE) {
            Problem.send(ctx, 400, "purpose has at most " + MAX_PURPOSE + " characters");
            return;
        }
        MunicipalityCode municipality = MunicipalityCode.of(code);
        RegistryAdmin.Access access = new RegistryAdmin.Access(
                caller(ctx).name(),
                purpose,
                Optional.ofNullable(ctx.request().remoteAddress()).map(a -> a.hostAddress()));
        blocking(ctx, () -> admin.tags(municipality, access), (c, rows) -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("municipality", municipality.value());
            ArrayNode list = body.putArray("tags");
            rows.forEach(row -> list.addObject()
                    .put("id", row.tag().value())
                    .put("nickname", row.nickname().orElse(null))
                    .put("enabled", row.enabled()));
            body.put("audited", true);
            HttpJson.ok(c, 200, body);
        });
    }

    // --- changes --------------------------------------------------------------------------------

    private void add(RoutingContext ctx, EntryType type) {
        Optional<JsonNode> json = HttpJson.body(ctx);
        if (json.isEmpty()) {
            return;
        }
        RegistryEntry entry;
        try {
            entry = RegistryCsv.entry(type, HttpJson.fields(json.get()));
        } catch (IllegalArgumentException e) {
            Problem.send(ctx, 422, e.getMessage());
            return;
        }
        blocking(
                ctx,
                () -> {
                    RegistryAdmin.Stored stored = admin.register(List.of(entry));
                    return Map.entry(stored.created() > 0, stored(entry));
                },
                (c, result) -> HttpJson.ok(c, result.getKey() ? 201 : 200, result.getValue()));
    }

    /** What was stored, as the lists show it: a sensor's or gateway's row; for a tag only its municipality. */
    private ObjectNode stored(RegistryEntry entry) {
        if (entry instanceof RegistryEntry.SensorEntry s) {
            return admin.sensors().stream()
                    .filter(row -> row.sensor().id().equals(s.sensor().id()))
                    .findFirst()
                    .map(RegistryJson::sensor)
                    .orElseThrow();
        }
        if (entry instanceof RegistryEntry.GatewayEntry g) {
            return admin.gateways().stream()
                    .filter(row -> row.gateway().id().equals(g.gateway().id()))
                    .findFirst()
                    .map(RegistryJson::gateway)
                    .orElseThrow();
        }
        RegistryEntry.TagEntry t = (RegistryEntry.TagEntry) entry;
        return Json.MAPPER
                .createObjectNode()
                .put("type", "tag")
                .put("municipality", t.municipality().value());
    }

    /** {@code POST /import} with {@code text/csv}: every line or none; 422 names every bad line. */
    private void importCsv(RoutingContext ctx) {
        if (!HttpJson.contentTypeIs(ctx, "text/csv")) {
            Problem.send(
                    ctx, 415, "send the import as text/csv (columns: " + String.join(",", RegistryCsv.COLUMNS) + ")");
            return;
        }
        String text = ctx.body().asString(StandardCharsets.UTF_8.name());
        blocking(
                ctx,
                () -> {
                    RegistryCsv.Parsed parsed = RegistryCsv.parse(text == null ? "" : text);
                    return parsed.ok()
                            ? Map.entry(parsed, Optional.of(admin.register(parsed.entries())))
                            : Map.entry(parsed, Optional.<RegistryAdmin.Stored>empty());
                },
                (c, result) -> {
                    RegistryCsv.Parsed parsed = result.getKey();
                    if (result.getValue().isEmpty()) {
                        badLines(c, parsed.problems());
                        return;
                    }
                    RegistryAdmin.Stored stored = result.getValue().get();
                    ObjectNode body = Json.MAPPER.createObjectNode();
                    body.putObject("imported")
                            .put("sensors", stored.sensors())
                            .put("gateways", stored.gateways())
                            .put("tags", stored.tags());
                    body.put("created", stored.created());
                    body.put("replaced", stored.total() - stored.created());
                    HttpJson.ok(c, 200, body);
                });
    }

    private static void badLines(RoutingContext ctx, List<RegistryCsv.LineProblem> problems) {
        String lines = problems.stream()
                .map(p -> p.line() == 0 ? "the whole file" : String.valueOf(p.line()))
                .distinct()
                .collect(Collectors.joining(", "));
        Problem.send(
                ctx,
                422,
                "nothing was imported: " + problems.size() + " problem(s), on line(s) " + lines + ": "
                        + problems.stream()
                                .map(RegistryCsv.LineProblem::toString)
                                .collect(Collectors.joining("; ")),
                body -> {
                    ArrayNode list = body.putArray("problems");
                    problems.forEach(p -> list.addObject().put("line", p.line()).put("detail", p.detail()));
                });
    }

    private void patchDevice(RoutingContext ctx, EntryType type) {
        String id = ctx.pathParam("id");
        Optional<Boolean> enabled = enabledOf(ctx, "enabled");
        if (enabled.isEmpty()) {
            return;
        }
        blocking(
                ctx,
                () -> {
                    admin.setEnabled(type, id, enabled.get());
                    return Json.MAPPER
                            .createObjectNode()
                            .put("type", type.label())
                            .put("id", id)
                            .put("enabled", enabled.get());
                },
                (c, body) -> HttpJson.ok(c, 200, body));
    }

    private void patchTag(RoutingContext ctx) {
        Optional<JsonNode> json = HttpJson.body(ctx);
        if (json.isEmpty()) {
            return;
        }
        JsonNode id = json.get().path("id");
        JsonNode enabled = json.get().path("enabled");
        if (!id.isTextual() || !enabled.isBoolean() || json.get().size() != 2) {
            Problem.send(ctx, 422, "send {\"id\": \"<tag id>\", \"enabled\": true|false} and nothing else");
            return;
        }
        blocking(
                ctx,
                () -> {
                    admin.setEnabled(EntryType.TAG, id.asText(), enabled.asBoolean());
                    return Json.MAPPER.createObjectNode().put("type", "tag").put("enabled", enabled.asBoolean());
                },
                (c, body) -> HttpJson.ok(c, 200, body));
    }

    private Optional<Boolean> enabledOf(RoutingContext ctx, String field) {
        Optional<JsonNode> json = HttpJson.body(ctx);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        JsonNode value = json.get().path(field);
        if (!value.isBoolean() || json.get().size() != 1) {
            Problem.send(
                    ctx,
                    422,
                    "only \"" + field + "\" (true or false) can be changed here; POST the whole entry to replace it");
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }

    /** {@code {"key": "<text>"}} (UTF-8, as coap-client -k takes it) or {@code {"keyHex": "<hex>"}}. */
    private void putPsk(RoutingContext ctx, EntryType type) {
        String id = ctx.pathParam("id");
        if (!DeviceId.isValid(id)) {
            Problem.send(ctx, 404, "no " + type.label() + " has this id");
            return;
        }
        Optional<JsonNode> json = HttpJson.body(ctx);
        if (json.isEmpty()) {
            return;
        }
        JsonNode text = json.get().path("key");
        JsonNode hex = json.get().path("keyHex");
        byte[] key;
        if (text.isTextual() && hex.isMissingNode() && json.get().size() == 1) {
            key = text.asText().getBytes(StandardCharsets.UTF_8);
        } else if (hex.isTextual() && text.isMissingNode() && json.get().size() == 1) {
            try {
                key = HexFormat.of().parseHex(hex.asText());
            } catch (IllegalArgumentException e) {
                Problem.send(ctx, 422, "keyHex must be an even number of hex digits");
                return;
            }
        } else {
            Problem.send(ctx, 422, "send {\"key\": \"<text>\"} or {\"keyHex\": \"<hex>\"}");
            return;
        }
        if (!admin.psksAvailable()) {
            Arrays.fill(key, (byte) 0);
            Problem.send(
                    ctx,
                    409,
                    "DTLS keys cannot be stored: this instance has no master key to seal them"
                            + " (set KAWAMORI_PSK_MASTER_KEY)");
            return;
        }
        DeviceId device = DeviceId.of(id);
        blocking(
                ctx,
                () -> {
                    try {
                        admin.setPsk(type, device, key);
                    } finally {
                        Arrays.fill(key, (byte) 0);
                    }
                    return true;
                },
                (c, done) -> c.response().setStatusCode(204).end());
    }

    private void deletePsk(RoutingContext ctx, EntryType type) {
        String id = ctx.pathParam("id");
        if (!DeviceId.isValid(id)) {
            Problem.send(ctx, 404, "no " + type.label() + " has this id");
            return;
        }
        blocking(ctx, () -> admin.removePsk(type, DeviceId.of(id)), (c, removed) -> {
            if (removed) {
                c.response().setStatusCode(204).end();
            } else {
                Problem.send(c, 404, type.label() + " " + id + " has no DTLS key");
            }
        });
    }

    // --- plumbing -------------------------------------------------------------------------------

    private <T> void blocking(RoutingContext ctx, Callable<T> work, BiConsumer<RoutingContext, T> answer) {
        blocking.run(ctx, work, answer);
    }

    /** The registry's refusals: unknown id 404, a state that forbids it 409, a bad field 422. */
    private static boolean refused(RoutingContext ctx, Throwable e) {
        if (e instanceof NoSuchElementException) {
            Problem.send(ctx, 404, e.getMessage());
        } else if (e instanceof IllegalStateException) {
            Problem.send(ctx, 409, e.getMessage());
        } else if (e instanceof IllegalArgumentException) {
            Problem.send(ctx, 422, e.getMessage());
        } else {
            return false;
        }
        return true;
    }
}
