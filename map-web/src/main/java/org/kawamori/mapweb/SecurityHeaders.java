package org.kawamori.mapweb;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response. The page loads nothing from elsewhere; the only foreign origins are the optional
 * online tile layers (GSI 地理院タイル, OpenStreetMap) for images.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

    static final String CSP = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' https://cyberjapandata.gsi.go.jp https://tile.openstreetmap.org",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'self'");

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "SAMEORIGIN")
                .putHeader("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
        ctx.next();
    }
}
