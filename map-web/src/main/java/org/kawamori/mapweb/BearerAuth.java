package org.kawamori.mapweb;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route handlers that know the caller from an {@code Authorization: Bearer} header through {@link
 * AdminAuth}, checked on a worker (the hash is slow). The request body waits until the caller is known.
 * A missing, malformed or wrong token answers 401 problem+json with {@code WWW-Authenticate}.
 */
final class BearerAuth {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);
    static final String CALLER = "kawamori.caller";

    private final Vertx vertx;
    private final AdminAuth auth;
    private final String realm;
    private final String missing;
    private final String invalid;

    /**
     * @param realm the challenge, e.g. {@code Bearer realm="kawamori-admin"}
     * @param missing the problem detail when there is no bearer token
     * @param invalid the problem detail when the token is not valid
     */
    BearerAuth(Vertx vertx, AdminAuth auth, String realm, String missing, String invalid) {
        this.vertx = vertx;
        this.auth = auth;
        this.realm = realm;
        this.missing = missing;
        this.invalid = invalid;
    }

    /** Lets the request on only with a valid token. */
    void required(RoutingContext ctx) {
        if (known(ctx)) {
            ctx.next();
            return;
        }
        if (!(Access.principal(ctx) instanceof org.kawamori.core.access.Principal.Anonymous)) {
            // logged in, but not as an administrator
            Problem.send(
                    ctx,
                    403,
                    "this needs an administrator; you are logged in as "
                            + Access.principal(ctx).role().wire());
            ctx.request().resume();
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            unauthorized(ctx, realm, missing);
            return;
        }
        check(ctx, header);
    }

    /** Lets the request on without an {@code Authorization} header (the public), or with a valid token. */
    void optional(RoutingContext ctx) {
        if (known(ctx)) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            ctx.next();
            return;
        }
        check(ctx, header);
    }

    /**
     * Whether {@link AccessHandler} already knows the caller as an administrator: through this bearer
     * token, or through an administrator's login session (whose unsafe requests it checked for CSRF).
     */
    private static boolean known(RoutingContext ctx) {
        if (ctx.get(CALLER) != null) {
            return true;
        }
        if (Access.principal(ctx) instanceof org.kawamori.core.access.Principal.Administrator admin) {
            ctx.put(CALLER, new AdminAuth.Caller(admin.name()));
            return true;
        }
        return false;
    }

    /** The authenticated caller, or empty for the public. */
    static Optional<AdminAuth.Caller> caller(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(CALLER));
    }

    private void check(RoutingContext ctx, String header) {
        if (header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(ctx, realm, missing);
            return;
        }
        String token = header.substring(7).strip();
        // the body waits until the caller is known
        ctx.request().pause();
        vertx.executeBlocking(() -> auth.authenticate(token), false).onComplete(result -> {
            if (result.succeeded() && result.result().isPresent()) {
                ctx.put(CALLER, result.result().get());
                ctx.next();
                return;
            }
            if (result.failed()) {
                LOG.warn("bearer authentication failed: {}", result.cause().toString());
            }
            unauthorized(ctx, realm + ", error=\"invalid_token\"", invalid);
        });
    }

    private static void unauthorized(RoutingContext ctx, String challenge, String detail) {
        ctx.response().putHeader("WWW-Authenticate", challenge);
        Problem.send(ctx, 401, detail);
        ctx.request().resume();
    }
}
