package org.kawamori.mapweb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * A logged-in (or anonymous) caller that keeps its session cookie for plain requests and for event
 * streams ({@link SseClient}), as a browser tab does with EventSource.
 */
final class CookieSession implements AutoCloseable {

    private final TestServer web;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String csrf = "";
    private SseClient stream;

    private CookieSession(TestServer web) {
        this.web = web;
    }

    static CookieSession anonymous(TestServer web) {
        return new CookieSession(web);
    }

    static CookieSession loggedInAs(TestServer web, String login) {
        CookieSession s = new CookieSession(web);
        HttpResponse<String> r = s.send(
                "POST",
                "/api/v1/session",
                TestServer.JSON
                        .createObjectNode()
                        .put("login", login)
                        .put("password", InMemoryAccess.PASSWORD)
                        .toString());
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + login + " refused: " + r.statusCode() + " " + r.body());
        }
        s.csrf = TestServer.json(r).get("csrf").asText();
        return s;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(web.uri(path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (!csrf.isEmpty()) {
            request.header(AccessHandler.CSRF_HEADER, csrf);
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the officers' event stream with this session's cookie (closed with the session). */
    SseClient officerEvents() {
        stream = SseClient.open(
                http, URI.create(web.uri(OfficerApi.BASE + "/events").toString()));
        return stream;
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
