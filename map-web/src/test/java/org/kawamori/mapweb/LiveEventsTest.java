package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

class LiveEventsTest {

    static final Instant T = Instant.parse("2026-11-23T01:10:00Z");

    final Sensor gauge = givenSensor("kunikane")
            .in("282103")
            .gauge()
            .at(34.7868, 134.8466)
            .named("国包")
            .experimental()
            .build();
    final InMemorySensorRegistry registry = new InMemorySensorRegistry().with(gauge);
    final List<AutoCloseable> open = new ArrayList<>();
    TestServer web;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (web != null) {
            web.close();
        }
    }

    TestServer start() {
        web = TestServer.start(registry, new InMemoryReadingQueries(registry), List.of());
        return web;
    }

    SseClient connect() {
        SseClient client = web.openEvents();
        open.add(client);
        return client.awaitConnected();
    }

    Reading level(Instant time, double value) {
        return new Reading(gauge.id(), gauge.municipality(), time, Quantity.WATER_LEVEL, value);
    }

    Reading battery(double value) {
        return new Reading(gauge.id(), gauge.municipality(), T, Quantity.BATTERY, value);
    }

    @Test
    void opens_an_unbuffered_event_stream_with_a_retry_hint() {
        start();
        SseClient client = web.openEvents();
        open.add(client);

        assertThat(client.response.statusCode()).isEqualTo(200);
        assertThat(client.response.headers().firstValue("content-type").orElse(""))
                .startsWith("text/event-stream");
        assertThat(client.response.headers().firstValue("cache-control").orElse(""))
                .contains("no-cache");
        assertThat(client.response.headers().firstValue("x-accel-buffering")).hasValue("no");
        assertThat(client.nextLine()).isEqualTo("retry: 5000");
        assertThat(client.nextLine()).isEqualTo(": connected");
    }

    @Test
    void sends_a_committed_reading_as_a_reading_event_carrying_the_sensor_feature() {
        start();
        SseClient client = connect();

        web.server.liveFeed().onCommitted(gauge, List.of(level(T, 3.21)));

        SseClient.Event event = client.nextEvent();
        assertThat(event.type()).isEqualTo("reading");
        JsonNode feature = event.json();
        assertThat(feature.path("type").asText()).isEqualTo("Feature");
        assertThat(feature.path("id").asText()).isEqualTo("kunikane");
        assertThat(feature.path("geometry").path("coordinates").get(0).asDouble())
                .isEqualTo(134.8466);
        JsonNode p = feature.path("properties");
        assertThat(p.path("name").asText()).isEqualTo("国包");
        assertThat(p.path("municipalityName").asText()).isEqualTo("加古川市");
        assertThat(p.path("experimental").asBoolean()).isTrue();
        assertThat(p.path("latest").path("value").asDouble()).isEqualTo(3.21);
        assertThat(p.path("latest").path("time").asText()).isEqualTo("2026-11-23T01:10:00Z");
        assertThat(p.path("latest").path("unit").asText()).isEqualTo("m");
        assertThat(p.path("latest").path("quantity").asText()).isEqualTo("level");
    }

    @Test
    void sends_one_event_per_primary_reading_oldest_first() {
        start();
        SseClient client = connect();

        web.server.liveFeed().onCommitted(gauge, List.of(level(T, 2.0), battery(80), level(T.minusSeconds(600), 1.0)));

        assertThat(client.nextEvent().json().at("/properties/latest/value").asDouble())
                .isEqualTo(1.0);
        assertThat(client.nextEvent().json().at("/properties/latest/value").asDouble())
                .isEqualTo(2.0);
    }

    @Test
    void does_not_send_readings_of_other_quantities() {
        start();
        SseClient client = connect();

        web.server.liveFeed().onCommitted(gauge, List.of(battery(77)));
        web.server.liveFeed().onCommitted(gauge, List.of(level(T, 1.5)));

        // events keep their order, so had the battery reading been sent it would come first
        SseClient.Event event = client.nextEvent();
        assertThat(event.json().at("/properties/latest/quantity").asText()).isEqualTo("level");
        assertThat(event.json().at("/properties/latest/value").asDouble()).isEqualTo(1.5);
    }

    @Test
    void sends_each_event_to_every_connected_client() {
        start();
        SseClient first = connect();
        SseClient second = connect();

        web.server.liveFeed().onCommitted(gauge, List.of(level(T, 2.5)));

        assertThat(first.nextEvent().json().at("/properties/latest/value").asDouble())
                .isEqualTo(2.5);
        assertThat(second.nextEvent().json().at("/properties/latest/value").asDouble())
                .isEqualTo(2.5);
    }

    @Test
    void keeps_broadcasting_after_a_client_disconnects() throws IOException {
        start();
        SseClient staying = connect();
        Socket leaving = rawEventClient(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> web.server.liveClientCount() == 2);

        leaving.close();
        web.server.liveFeed().onCommitted(gauge, List.of(level(T, 1.0)));
        web.server.liveFeed().onCommitted(gauge, List.of(level(T.plusSeconds(60), 1.1)));

        assertThat(staying.nextEvent().json().at("/properties/latest/value").asDouble())
                .isEqualTo(1.0);
        assertThat(staying.nextEvent().json().at("/properties/latest/value").asDouble())
                .isEqualTo(1.1);
        await().atMost(Duration.ofSeconds(5)).until(() -> web.server.liveClientCount() == 1);
    }

    @Test
    void drops_a_client_that_does_not_read_without_holding_up_the_others() throws IOException {
        start();
        SseClient reader = connect();
        Socket stalled = rawEventClient(4096); // reads the greeting, then nothing more
        open.add(stalled);
        await().atMost(Duration.ofSeconds(5)).until(() -> web.server.liveClientCount() == 2);

        Sensor wordy = givenSensor("kunikane")
                .in("282103")
                .gauge()
                .at(34.7868, 134.8466)
                .named("国包".repeat(100))
                .build();
        int sent = 0;
        Instant time = T;
        while (web.server.liveClientCount() == 2 && sent < 100_000) {
            List<Reading> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                time = time.plusSeconds(1);
                batch.add(level(time, 1.0));
            }
            web.server.liveFeed().onCommitted(wordy, batch);
            sent += batch.size();
            // pace on the reading client, so only the stalled one can fall behind
            String last = time.toString();
            while (!reader.nextEvent()
                    .json()
                    .at("/properties/latest/time")
                    .asText()
                    .equals(last)) {
                // earlier events of this batch
            }
        }

        assertThat(web.server.liveClientCount())
                .as("clients after %d events", sent)
                .isEqualTo(1);
        web.server.liveFeed().onCommitted(gauge, List.of(level(time.plusSeconds(1), 9.9)));
        assertThat(reader.nextEvent().json().at("/properties/latest/value").asDouble())
                .isEqualTo(9.9);
    }

    @Test
    void sends_keepalive_comments() {
        web = TestServer.start(registry, new InMemoryReadingQueries(registry), List.of(), 100);
        SseClient client = connect();

        String line = client.nextLine();
        while (line.isEmpty()) {
            line = client.nextLine();
        }
        assertThat(line).isEqualTo(": keepalive");
    }

    @Test
    void the_live_feed_ignores_readings_before_start_and_after_close() {
        MapWebServer server =
                new MapWebServer(WebConfig.onPort(0), registry, new InMemoryReadingQueries(registry), List.of());

        assertThatCode(() -> server.liveFeed().onCommitted(gauge, List.of(level(T, 1.0))))
                .doesNotThrowAnyException();
        server.start();
        server.close();
        assertThatCode(() -> server.liveFeed().onCommitted(gauge, List.of(level(T, 1.0))))
                .doesNotThrowAnyException();
    }

    /** A bare HTTP/1.1 event-stream client with a small receive buffer, returned after the greeting. */
    private Socket rawEventClient(int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", web.port), 5000);
        socket.setSoTimeout(5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1);
        String line;
        while ((line = in.readLine()) != null && !line.endsWith(": connected")) {
            // status line, headers, chunk size, retry hint
        }
        return socket;
    }
}
