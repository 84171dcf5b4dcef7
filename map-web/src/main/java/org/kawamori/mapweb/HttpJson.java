package org.kawamori.mapweb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** JSON request bodies and answers of the API routes. */
final class HttpJson {

    private HttpJson() {}

    /** Answers {@code body} as {@code application/json}. */
    static void ok(RoutingContext ctx, int status, JsonNode body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.write(body));
    }

    /** The JSON object of the body, or empty after answering 415 or 400. */
    static Optional<JsonNode> body(RoutingContext ctx) {
        if (!contentTypeIs(ctx, "application/json") && !contentTypeIs(ctx, "application/merge-patch+json")) {
            Problem.send(ctx, 415, "send application/json");
            return Optional.empty();
        }
        String text = ctx.body().asString(StandardCharsets.UTF_8.name());
        try {
            JsonNode node = Json.MAPPER.readTree(text == null ? "" : text);
            if (node == null || !node.isObject()) {
                Problem.send(ctx, 400, "the body must be a JSON object");
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the body (a secret): give the position only
            Problem.send(
                    ctx,
                    400,
                    "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
            return Optional.empty();
        }
    }

    /** The members of a JSON object as the text of registry fields; null members count as absent. */
    static Map<String, String> fields(JsonNode object) {
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> members = object.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new IllegalArgumentException(
                        "field '" + member.getKey() + "' must be a string, number or boolean");
            }
            fields.put(member.getKey(), value.asText());
        }
        return fields;
    }

    static boolean contentTypeIs(RoutingContext ctx, String type) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (header == null) {
            return false;
        }
        int semicolon = header.indexOf(';');
        String bare = (semicolon < 0 ? header : header.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return bare.equals(type);
    }
}
