package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A family's links ({@code /family.html#link=…}, for guardians without an account) under {@code
 * /api/v1/family/links}: {@code GET} lists them (without secrets), {@code POST {"days": 1..90}} issues
 * one and answers its secret once (201), {@code DELETE /{id}} revokes one (204; 404 for a link that is
 * not the family's), which also ends the sessions opened through it. Any family session may list; only
 * a guardian logged in with an account issues and revokes, so that a forwarded link cannot mint more
 * links or lock the guardian out (403).
 */
final class FamilyLinksApi {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyLinksApi.class);

    static final String PATH = FamilyApi.BASE + "/links";
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 90;
    private static final int BODY_LIMIT = 1024;

    private final FamilyLinks links;
    private final Blocking blocking;
    private final Clock clock;

    FamilyLinksApi(Vertx vertx, FamilyLinks links, Clock clock) {
        this.links = links;
        this.clock = clock;
        this.blocking = new Blocking(vertx, "the link store", PATH, FamilyLinksApi::refused);
    }

    void mount(Router router) {
        router.get(PATH).handler(ctx -> FamilyApi.family(ctx, this::list));
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        router.post(PATH).handler(ctx -> FamilyApi.family(ctx, this::issue));
        router.delete(PATH + "/:id").handler(ctx -> FamilyApi.family(ctx, this::revoke));
        FamilyApi.allow(router, PATH, "GET, POST");
        FamilyApi.allow(router, PATH + "/:id", "DELETE");
        router.route(PATH).failureHandler(blocking.failureHandler(BODY_LIMIT + " bytes"));
        router.route(PATH + "/*").failureHandler(blocking.failureHandler(BODY_LIMIT + " bytes"));
    }

    /** Whether the session was opened through a link rather than an account's password. */
    static boolean throughLink(Principal.FamilyMember f) {
        return f.login().startsWith("link:");
    }

    private void list(RoutingContext ctx, Principal.FamilyMember f) {
        Instant now = clock.instant();
        blocking.run(ctx, () -> FamilyJson.links(links.list(f.family()), now), (c, doc) -> HttpJson.ok(c, 200, doc));
    }

    private void issue(RoutingContext ctx, Principal.FamilyMember f) {
        if (!guardian(ctx, f)) {
            return;
        }
        Optional<JsonNode> body = HttpJson.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        JsonNode days = body.get().path("days");
        if (!days.isMissingNode() && !(days.isInt() && days.asInt() >= 1 && days.asInt() <= MAX_DAYS)) {
            Problem.send(ctx, 422, "'days' must be a whole number from 1 to " + MAX_DAYS);
            return;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(days.isMissingNode() ? DEFAULT_DAYS : days.asInt()));
        blocking.run(ctx, () -> links.issue(f.family(), expires, f.login(), now), (c, issued) -> {
            LOG.info("{} issued family link {}", Logged.who(f), issued.id());
            HttpJson.ok(c, 201, FamilyJson.issued(issued));
        });
    }

    private void revoke(RoutingContext ctx, Principal.FamilyMember f) {
        if (!guardian(ctx, f)) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            Problem.send(ctx, 404, "no such link in your family");
            return;
        }
        Instant now = clock.instant();
        blocking.run(ctx, () -> links.revoke(f.family(), id, f.login(), now), (c, revoked) -> {
            if (!revoked) {
                Problem.send(c, 404, "no such link in your family");
                return;
            }
            LOG.info("{} revoked family link {}", Logged.who(f), id);
            c.response().setStatusCode(204).end();
        });
    }

    private static boolean guardian(RoutingContext ctx, Principal.FamilyMember f) {
        if (throughLink(f)) {
            Problem.send(ctx, 403, "only a guardian logged in with an account issues or revokes links");
            return false;
        }
        return true;
    }

    private static boolean refused(RoutingContext ctx, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            // the family is not registered for links (the port's message names no family)
            Problem.send(ctx, 422, "links cannot be issued for this family: ask your municipality");
            return true;
        }
        return false;
    }
}
