package org.kawamori.mapweb;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.kawamori.core.access.Principal;
import org.kawamori.core.access.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out who is calling, before any API route runs, and puts the {@link Principal} on the request
 * ({@link Access#principal}).
 *
 * <pre>
 * request ──► Authorization: Bearer? ── yes ──► AdminAuth (worker) ── valid ──► Administrator
 *    │                                                    └─ invalid (or empty) ──► 401
 *    └─ no ──► session cookie? ── yes ──► Sessions.find (worker) ── valid ──► its principal
 *                   │                                   └─ expired, ended ──► public, cookie cleared
 *                   └─ no ──► public
 * unsafe method (POST, PUT, PATCH, DELETE) with a cookie session:
 *    Origin, when sent, must be this server's ── else 403
 *    X-CSRF-Token must equal the session's ── else 403
 * </pre>
 *
 * A bearer token is not sent by browsers on their own, so requests with one need no CSRF token. The
 * body of the request waits (paused) until the caller is known.
 */
final class AccessHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(AccessHandler.class);
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Vertx vertx;
    private final Optional<Sessions> sessions;
    private final Optional<AdminAuth> bearer;
    private final SessionCookie cookie;
    private final Clock clock;

    AccessHandler(
            Vertx vertx, Optional<Sessions> sessions, Optional<AdminAuth> bearer, SessionCookie cookie, Clock clock) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.bearer = bearer;
        this.cookie = cookie;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        // another scheme (Basic from a proxy) is not ours: the caller stays the public or its session
        if (authorization != null && bearer.isPresent() && isBearer(authorization)) {
            viaBearer(ctx, authorization, bearer.get());
            return;
        }
        Optional<String> token = cookie.token(ctx);
        if (token.isEmpty() || sessions.isEmpty()) {
            ctx.next();
            return;
        }
        ctx.request().pause();
        vertx.executeBlocking(() -> sessions.get().find(token.get(), clock.instant()), false)
                .onComplete(found -> {
                    if (found.failed()) {
                        LOG.warn("cannot look a session up: {}", found.cause().toString());
                        Problem.send(ctx, 503, "sessions cannot be checked now; try again shortly");
                        ctx.request().resume();
                        return;
                    }
                    Optional<Sessions.Active> session = found.result();
                    if (session.isEmpty()) {
                        // expired, logged out, account disabled or link revoked: the caller is the public
                        cookie.clear(ctx);
                        ctx.next();
                        return;
                    }
                    if (!SAFE.contains(ctx.request().method()) && !csrfHolds(ctx, session.get())) {
                        ctx.request().resume();
                        return;
                    }
                    ctx.put(Access.PRINCIPAL, session.get().principal());
                    ctx.put(Access.SESSION, token.get());
                    ctx.next();
                });
    }

    private static boolean isBearer(String header) {
        return header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private void viaBearer(RoutingContext ctx, String header, AdminAuth auth) {
        String token = header.substring(7).strip();
        ctx.request().pause();
        vertx.executeBlocking(() -> auth.authenticate(token), false).onComplete(result -> {
            if (result.succeeded() && result.result().isPresent()) {
                AdminAuth.Caller caller = result.result().get();
                ctx.put(BearerAuth.CALLER, caller);
                ctx.put(Access.PRINCIPAL, new Principal.Administrator(caller.name()));
                ctx.next();
                return;
            }
            if (result.failed()) {
                LOG.warn("bearer authentication failed: {}", result.cause().toString());
            }
            unauthorized(ctx, "the admin bearer token is not valid");
        });
    }

    private static void unauthorized(RoutingContext ctx, String detail) {
        ctx.response().putHeader("WWW-Authenticate", AlertApi.REALM + ", error=\"invalid_token\"");
        Problem.send(ctx, 401, detail);
        ctx.request().resume();
    }

    private static boolean csrfHolds(RoutingContext ctx, Sessions.Active session) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameOrigin(origin, ctx.request().getHeader(HttpHeaders.HOST))) {
            Problem.send(ctx, 403, "cross-origin requests are refused");
            return false;
        }
        String sent = ctx.request().getHeader(CSRF_HEADER);
        if (sent == null
                || !MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            Problem.send(ctx, 403, "send the session's CSRF token in the " + CSRF_HEADER + " header");
            return false;
        }
        return true;
    }

    /** Whether an Origin header names the host the request was sent to (scheme aside: TLS may end at a proxy). */
    static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
