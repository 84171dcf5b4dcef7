package org.kawamori.mapweb.ngsi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * NGSI-LD ProblemDetails (ETSI GS CIM 009 §5.5, on RFC 9457): {@code type} an NGSI-LD error type where
 * one fits ({@code about:blank} otherwise), {@code title}, {@code status} and {@code detail}, as
 * {@code application/json} like NGSI-LD brokers answer. A detail names a parameter, never the caller's
 * whole request.
 */
final class NgsiProblem {

    static final String BAD_REQUEST_DATA = "https://uri.etsi.org/ngsi-ld/errors/BadRequestData";
    static final String RESOURCE_NOT_FOUND = "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound";
    static final String INTERNAL_ERROR = "https://uri.etsi.org/ngsi-ld/errors/InternalError";

    private NgsiProblem() {}

    static Refused badRequest(String detail) {
        return new Refused(400, BAD_REQUEST_DATA, "Bad request data", detail);
    }

    static Refused notFound(String detail) {
        return new Refused(404, RESOURCE_NOT_FOUND, "Resource not found", detail);
    }

    static Refused notAcceptable(String detail) {
        return new Refused(406, "about:blank", "Not Acceptable", detail);
    }

    static void send(RoutingContext ctx, Refused problem) {
        send(ctx, problem.status, problem.type, problem.title, problem.getMessage());
    }

    static void send(RoutingContext ctx, int status, String type, String title, String detail) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.toString());
    }

    /** A request this view refuses, with the problem to answer. */
    static final class Refused extends RuntimeException {
        final int status;
        final String type;
        final String title;

        Refused(int status, String type, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.type = type;
            this.title = title;
        }
    }
}
