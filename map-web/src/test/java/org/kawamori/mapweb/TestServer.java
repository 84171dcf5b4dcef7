package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;

/** A real {@link MapWebServer} on a free port, with an HTTP/1.1 client pointed at it. */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final MapWebServer server;
    private final List<SseClient> streams = new CopyOnWriteArrayList<>();
    final int port;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestServer(MapWebServer server) {
        this.server = server;
        this.port = server.start();
    }

    static TestServer start(SensorRegistry registry, ReadingQueries queries, List<HealthIndicator> health) {
        return new TestServer(new MapWebServer(WebConfig.onPort(0), registry, queries, health));
    }

    static TestServer start(
            SensorRegistry registry, ReadingQueries queries, List<HealthIndicator> health, long keepAliveMs) {
        return new TestServer(new MapWebServer(WebConfig.onPort(0), registry, queries, health, keepAliveMs));
    }

    /** Starts a server the test configured ({@code withAlerts}, …). */
    static TestServer start(MapWebServer configured) {
        return new TestServer(configured);
    }

    /** A server with the alert API on {@code alerts} (queries and commands), the officer token of {@link TestAuth}. */
    static TestServer withAlerts(SensorRegistry registry, InMemoryAlerts alerts) {
        return start(new MapWebServer(WebConfig.onPort(0), registry, new InMemoryReadingQueries(registry), List.of())
                .withAlerts(alerts, alerts, TestAuth.AUTH));
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /** A GET with {@code Authorization: Bearer <token>}. */
    HttpResponse<String> get(String pathAndQuery, String token) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    /** Any method, with a bearer token when {@code token} is not null and a JSON body when {@code json} is not. */
    HttpResponse<String> send(String method, String pathAndQuery, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request whose answer body is kept as bytes (e.g. gzip). */
    HttpResponse<byte[]> sendBytes(HttpRequest.Builder builder) {
        try {
            return http.send(builder.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An event-stream client, closed with the server at the latest. */
    SseClient openEvents() {
        SseClient client = SseClient.open(http, uri("/api/v1/events"));
        streams.add(client);
        return client;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("content-type").orElse("");
    }

    @Override
    public void close() {
        streams.forEach(SseClient::close);
        server.close();
    }
}
