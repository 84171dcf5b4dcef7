package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP client that behaves like a browser tab: it keeps the session cookie and sends the session's
 * CSRF token on unsafe requests, as the pages do.
 *
 * <pre>{@code
 * Browser officer = Browser.of(web).loggedInAs("tanaka");
 * officer.post("/api/v1/alerts/7/acknowledge", "{}");
 * }</pre>
 */
final class Browser {

    private final TestServer web;
    private final HttpClient http;
    private Optional<String> csrf = Optional.empty();

    private Browser(TestServer web) {
        this.web = web;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static Browser of(TestServer web) {
        return new Browser(web);
    }

    /** Logs in with {@link InMemoryAccess#PASSWORD}; fails the test when the login is refused. */
    Browser loggedInAs(String login) {
        HttpResponse<String> r = login(login, InMemoryAccess.PASSWORD);
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + login + " refused: " + r.statusCode() + " " + r.body());
        }
        return this;
    }

    /** Opens a family session through a link's secret; fails the test when it is refused. */
    Browser throughLink(String token) {
        HttpResponse<String> r = send("POST", "/api/v1/session/link", "{\"token\":\"" + token + "\"}");
        if (r.statusCode() != 200) {
            throw new AssertionError("link refused: " + r.statusCode() + " " + r.body());
        }
        csrf = Optional.of(TestServer.json(r).get("csrf").asText());
        return this;
    }

    HttpResponse<String> login(String login, String password) {
        HttpResponse<String> r = send(
                "POST",
                "/api/v1/session",
                TestServer.JSON
                        .createObjectNode()
                        .put("login", login)
                        .put("password", password)
                        .toString());
        if (r.statusCode() == 200) {
            JsonNode doc = TestServer.json(r);
            csrf = Optional.of(doc.get("csrf").asText());
        }
        return r;
    }

    /** Forgets the CSRF token (as a forged cross-site request would not know it). */
    Browser withoutCsrf() {
        csrf = Optional.empty();
        return this;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, String json) {
        return send("POST", path, json);
    }

    HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    HttpResponse<String> send(String method, String path, String json) {
        return send(method, path, json, null, csrf.orElse(null));
    }

    /** With an {@code Origin} header (when not null) and the given CSRF token (when not null). */
    HttpResponse<String> send(String method, String path, String json, String origin, String csrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrfToken != null) {
            request.header(AccessHandler.CSRF_HEADER, csrfToken);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
