package org.kawamori.mapweb;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Path=/,
 * Secure when configured. With Secure it is named {@code __Host-kawamori_session}, which browsers only
 * accept from a secure origin without a Domain attribute.
 */
final class SessionCookie {

    static final String NAME = "kawamori_session";
    static final String SECURE_NAME = "__Host-" + NAME;

    private final boolean secure;

    SessionCookie(boolean secure) {
        this.secure = secure;
    }

    String name() {
        return secure ? SECURE_NAME : NAME;
    }

    Optional<String> token(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(name());
        if (cookie == null || cookie.getValue().isEmpty() || cookie.getValue().length() > 200) {
            return Optional.empty();
        }
        return Optional.of(cookie.getValue());
    }

    void set(RoutingContext ctx, String token, Duration lifetime) {
        ctx.response().addCookie(cookie(token).setMaxAge(lifetime.toSeconds()));
    }

    void clear(RoutingContext ctx) {
        ctx.response().addCookie(cookie("").setMaxAge(0));
    }

    private Cookie cookie(String value) {
        return Cookie.cookie(name(), value)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(secure)
                .setSameSite(CookieSameSite.STRICT);
    }
}
