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
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;

/** A real {@link MapWebServer} on a free port, with an HTTP/1.1 client pointed at it. */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final MapWebServer server;
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

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    SseClient openEvents() {
        return SseClient.open(http, uri("/api/v1/events"));
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
        server.close();
    }
}
