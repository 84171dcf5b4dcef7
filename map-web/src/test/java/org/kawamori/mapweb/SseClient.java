package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads a Server-Sent Events stream line by line on its own thread, so tests can wait with a timeout. */
final class SseClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String END = "\u0000end-of-stream";

    /** One dispatched event: its type and its data lines joined. */
    record Event(String type, String data) {
        JsonNode json() {
            try {
                return TestServer.JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::pump, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(HttpClient http, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        try {
            return new SseClient(http.send(request, BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by the test or by the server
        } finally {
            lines.add(END);
        }
    }

    String nextLine() {
        try {
            String line = lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                fail("no line on the event stream within " + TIMEOUT);
            }
            if (line.equals(END)) {
                fail("the event stream ended");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads up to the server's greeting, so the client is subscribed when this returns. */
    SseClient awaitConnected() {
        while (!nextLine().equals(": connected")) {
            // retry hint and anything before the greeting
        }
        return this;
    }

    /** The next dispatched event, skipping comment-only blocks (keepalives). */
    Event nextEvent() {
        while (true) {
            String type = "message";
            List<String> data = new ArrayList<>();
            String line;
            while (!(line = nextLine()).isEmpty()) {
                if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    // as EventSource: one space after the colon is dropped, the rest is data
                    String value = line.substring(5);
                    data.add(value.startsWith(" ") ? value.substring(1) : value);
                }
            }
            if (!data.isEmpty()) {
                return new Event(type, String.join("\n", data));
            }
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
