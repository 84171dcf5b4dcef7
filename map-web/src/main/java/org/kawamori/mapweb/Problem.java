package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** Writes RFC 9457 problem details ({@code application/problem+json}). */
final class Problem {

    static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {}

    static void send(RoutingContext ctx, int status, String detail) {
        send(ctx, status, detail, body -> {});
    }

    /** With extension members (RFC 9457 §3.2), e.g. the bad lines of an import. */
    static void send(RoutingContext ctx, int status, String detail, Consumer<ObjectNode> extensions) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", HttpResponseStatus.valueOf(status).reasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.request().path());
        extensions.accept(body);
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Json.write(body));
    }

    /** A request the client must change before retrying: answered with 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String detail) {
            super(detail, null, false, false);
        }
    }
}
