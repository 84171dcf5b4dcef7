package org.kawamori.mapweb;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.kawamori.core.access.Principal;

/**
 * The caller of a request, as {@link AccessHandler} resolved it before any API route ran, and the
 * guards the routes use. Every route that serves anything beyond public flood data starts with one of
 * the {@code require…} guards; a guard that refuses has already answered (401 for the public, 403 for
 * a logged-in caller of another role).
 */
final class Access {

    static final String PRINCIPAL = "kawamori.principal";
    static final String SESSION = "kawamori.session";

    private static final Principal PUBLIC = new Principal.Anonymous();

    private Access() {}

    /** The caller; the public when nobody is logged in. */
    static Principal principal(RoutingContext ctx) {
        Principal p = ctx.get(PRINCIPAL);
        return p == null ? PUBLIC : p;
    }

    /** Whether the caller came with a session cookie (so answers must not be cached by others). */
    static boolean personal(RoutingContext ctx) {
        return !(principal(ctx) instanceof Principal.Anonymous);
    }

    static Optional<Principal.FamilyMember> requireFamily(RoutingContext ctx) {
        return require(ctx, Principal.FamilyMember.class, "a family login");
    }

    static Optional<Principal.Officer> requireOfficer(RoutingContext ctx) {
        return require(ctx, Principal.Officer.class, "an officer's login");
    }

    static Optional<Principal.Administrator> requireAdmin(RoutingContext ctx) {
        return require(ctx, Principal.Administrator.class, "an administrator's login");
    }

    /** An officer or an administrator (the staff who acknowledge alerts). */
    static Optional<Principal> requireStaff(RoutingContext ctx) {
        Principal p = principal(ctx);
        if (p instanceof Principal.Officer || p instanceof Principal.Administrator) {
            return Optional.of(p);
        }
        return require(ctx, Principal.Officer.class, "an officer's login").map(Principal.class::cast);
    }

    private static <P extends Principal> Optional<P> require(RoutingContext ctx, Class<P> role, String what) {
        Principal p = principal(ctx);
        if (role.isInstance(p)) {
            return Optional.of(role.cast(p));
        }
        if (p instanceof Principal.Anonymous) {
            ctx.response().putHeader("WWW-Authenticate", AlertApi.REALM);
            Problem.send(ctx, 401, "this needs " + what + ": log in at /login.html");
        } else {
            Problem.send(
                    ctx,
                    403,
                    "this needs " + what + "; you are logged in as " + p.role().wire());
        }
        ctx.request().resume();
        return Optional.empty();
    }
}
