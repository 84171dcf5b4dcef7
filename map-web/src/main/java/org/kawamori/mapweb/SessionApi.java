package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.kawamori.core.access.Account;
import org.kawamori.core.access.Accounts;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.Logins;
import org.kawamori.core.access.Principal;
import org.kawamori.core.access.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in and out: {@code /api/v1/session}.
 *
 * <ul>
 *   <li>{@code GET}: who the caller is ({@code role}, {@code login}, {@code municipality}, {@code
 *       family}) and the session's {@code csrf} token for the page's unsafe requests; {@code {"role":
 *       "public"}} when nobody is logged in.
 *   <li>{@code POST {"login", "password"}}: a new session in an HttpOnly cookie (any previous one of
 *       this browser is ended: no session fixation); 401 for a wrong login or password (the same
 *       answer for both), 429 with {@code Retry-After} after too many failures.
 *   <li>{@code POST /link {"token"}}: a guardian's session through the family's link.
 *   <li>{@code DELETE}: logs out (needs the CSRF token like every unsafe request of a session).
 * </ul>
 *
 * Officers' and administrators' logins are logged by name; guardians only as such (their login may
 * name the family); never a password, a token or a refused login's name.
 */
final class SessionApi {

    private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);
    static final String BASE = "/api/v1/session";
    private static final int BODY_LIMIT = 2048;

    private final Sessions sessions;
    private final Accounts accounts;
    private final FamilyLinks links;
    private final AccessConfig config;
    private final SessionCookie cookie;
    private final LoginThrottle throttle;
    private final Blocking blocking;
    private final Clock clock;

    SessionApi(
            Vertx vertx,
            Sessions sessions,
            Accounts accounts,
            FamilyLinks links,
            AccessConfig config,
            SessionCookie cookie,
            Clock clock) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.links = links;
        this.config = config;
        this.cookie = cookie;
        this.clock = clock;
        this.throttle = new LoginThrottle(config.maxFailures(), config.failureWindow());
        this.blocking = new Blocking(vertx, "the account store", BASE, (ctx, e) -> false);
    }

    /** Without logins: everyone is the public, and logging in says it is off. */
    static void mountDisabled(Router router) {
        router.get(BASE).handler(ctx -> {
            noStore(ctx);
            HttpJson.ok(ctx, 200, document(Access.principal(ctx), Optional.empty()));
        });
        router.route(BASE).handler(ctx -> Problem.send(ctx, 404, "logins are not enabled on this instance"));
        router.route(BASE + "/*").handler(ctx -> Problem.send(ctx, 404, "logins are not enabled on this instance"));
    }

    void mount(Router router) {
        router.get(BASE).handler(this::who);
        router.post(BASE).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.post(BASE).handler(this::login);
        router.post(BASE + "/link").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.post(BASE + "/link").handler(this::linkLogin);
        router.delete(BASE).handler(this::logout);
        router.route(BASE).failureHandler(blocking.failureHandler(BODY_LIMIT + " bytes"));
        router.route(BASE + "/*").failureHandler(blocking.failureHandler(BODY_LIMIT + " bytes"));
    }

    private void who(RoutingContext ctx) {
        Principal p = Access.principal(ctx);
        String token = ctx.get(Access.SESSION);
        if (token == null) {
            noStore(ctx);
            HttpJson.ok(ctx, 200, document(p, Optional.empty()));
            return;
        }
        blocking.run(ctx, () -> sessions.find(token, clock.instant()), (c, session) -> {
            noStore(c);
            HttpJson.ok(c, 200, document(p, session));
        });
    }

    private void login(RoutingContext ctx) {
        Optional<JsonNode> body = HttpJson.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String login = text(body.get(), "login");
        String password = text(body.get(), "password");
        if (!Logins.valid(login) || password.isEmpty() || password.length() > 1024) {
            Problem.send(ctx, 400, "send {\"login\": \"…\", \"password\": \"…\"}");
            return;
        }
        String client = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.wait(login, client, now);
        if (wait.isPresent()) {
            tooMany(ctx, wait.get());
            return;
        }
        String previous = ctx.get(Access.SESSION);
        blocking.run(
                ctx,
                () -> {
                    char[] secret = password.toCharArray();
                    try {
                        Optional<Account> account = accounts.authenticate(login, secret);
                        if (account.isEmpty()) {
                            return Optional.<Opened>empty();
                        }
                        if (previous != null) {
                            sessions.close(previous);
                        }
                        Principal principal = account.get().principal();
                        Duration lifetime = config.lifetime(principal.role());
                        return Optional.of(new Opened(
                                principal, sessions.open(principal, Optional.empty(), lifetime, now), lifetime));
                    } finally {
                        Arrays.fill(secret, '\0');
                    }
                },
                (c, opened) -> {
                    if (opened.isEmpty()) {
                        throttle.failed(login, client, now);
                        // not the name typed: it may be a mistyped password, or a family's name
                        LOG.info("a login was refused");
                        Problem.send(c, 401, "the login or the password is wrong");
                        return;
                    }
                    throttle.succeeded(login);
                    LOG.info("{} logged in", Logged.who(opened.get().principal()));
                    answer(c, opened.get());
                });
    }

    private void linkLogin(RoutingContext ctx) {
        Optional<JsonNode> body = HttpJson.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String token = text(body.get(), "token");
        String client = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        Instant now = clock.instant();
        if (token.isEmpty() || token.length() > 200) {
            Problem.send(ctx, 400, "send {\"token\": \"…\"} from the family link");
            return;
        }
        Optional<Duration> wait = throttle.wait("link", client, now);
        if (wait.isPresent()) {
            tooMany(ctx, wait.get());
            return;
        }
        String previous = ctx.get(Access.SESSION);
        blocking.run(
                ctx,
                () -> links.resolve(token, now).map(link -> {
                    if (previous != null) {
                        sessions.close(previous);
                    }
                    Duration lifetime = config.familySession();
                    return new Opened(
                            link.member(),
                            sessions.open(link.member(), Optional.of(link.id()), lifetime, now),
                            lifetime);
                }),
                (c, opened) -> {
                    if (opened.isEmpty()) {
                        // per client only: a link has no login name to count against
                        throttle.failed("link", client, now);
                        Problem.send(c, 401, "this family link is not valid (revoked or expired): ask for a new one");
                        return;
                    }
                    LOG.info("{} logged in", Logged.who(opened.get().principal()));
                    answer(c, opened.get());
                });
    }

    private void logout(RoutingContext ctx) {
        String token = ctx.get(Access.SESSION);
        cookie.clear(ctx);
        if (token == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        blocking.run(
                ctx,
                () -> {
                    sessions.close(token);
                    return true;
                },
                (c, done) -> c.response().setStatusCode(204).end());
    }

    private record Opened(Principal principal, Sessions.Issued issued, Duration lifetime) {}

    private void answer(RoutingContext ctx, Opened opened) {
        cookie.set(ctx, opened.issued().token(), opened.lifetime());
        noStore(ctx);
        HttpJson.ok(
                ctx,
                200,
                document(
                        opened.principal(),
                        Optional.of(new Sessions.Active(
                                opened.principal(),
                                opened.issued().csrfToken(),
                                opened.issued().expiresAt()))));
    }

    static ObjectNode document(Principal p, Optional<Sessions.Active> session) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("role", p.role().wire());
        if (p instanceof Principal.FamilyMember f) {
            doc.put("login", f.login());
            doc.put("municipality", f.municipality().value());
            doc.put("family", f.family().value());
        } else if (p instanceof Principal.Officer o) {
            doc.put("login", o.login());
            doc.put("municipality", o.municipality().value());
        } else if (p instanceof Principal.Administrator a) {
            doc.put("login", a.login());
        }
        session.ifPresent(s -> {
            doc.put("csrf", s.csrfToken());
            doc.put("expiresAt", s.expiresAt().toString());
        });
        return doc;
    }

    private static void tooMany(RoutingContext ctx, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problem.send(ctx, 429, "too many failed logins: try again in " + seconds + " s");
    }

    private static void noStore(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || !node.isTextual() ? "" : node.asText();
    }
}
