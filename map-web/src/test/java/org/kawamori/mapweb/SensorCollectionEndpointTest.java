package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/** The sensor collection's stage thresholds, its ETag and gzip, and its freshness after a committed reading. */
class SensorCollectionEndpointTest {

    static final Instant T = Instant.parse("2026-11-23T01:10:00Z");

    final Sensor kunikane = givenSensor("kunikane").in("282103").gauge().build();
    final Sensor underpass =
            givenSensor("underpass").in("282103").inundationSensor().build();
    final InMemorySensorRegistry registry =
            new InMemorySensorRegistry().with(kunikane).with(underpass);
    final InMemoryReadingQueries readings = new InMemoryReadingQueries(registry)
            .with(new Reading(kunikane.id(), kunikane.municipality(), T, Quantity.WATER_LEVEL, 1.0));
    TestServer web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    void givenAServerWithStages() {
        web = TestServer.start(new MapWebServer(WebConfig.onPort(0), registry, readings, List.of())
                .withStages(new InMemoryStationStages().with("kunikane", "1:1.50,2:2.60,4:4.00")));
    }

    JsonNode feature(JsonNode collection, String id) {
        for (JsonNode f : collection.path("features")) {
            if (f.path("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + id);
    }

    @Test
    void aGaugeWithStagesCarriesItsThresholdsAndASensorWithoutNone() {
        givenAServerWithStages();

        JsonNode body = TestServer.json(web.get("/api/v1/sensors"));

        JsonNode stages = feature(body, "kunikane").path("properties").path("stages");
        assertThat(stages.path("1").asDouble()).isEqualTo(1.5);
        assertThat(stages.path("2").asDouble()).isEqualTo(2.6);
        assertThat(stages.has("3")).as("a station may list only some stages").isFalse();
        assertThat(stages.path("4").asDouble()).isEqualTo(4.0);
        assertThat(feature(body, "underpass").path("properties").has("stages")).isFalse();
    }

    @Test
    void theStagesOfOneSensorAreServedAscendingAndAnUnknownSensorIs404() {
        givenAServerWithStages();

        HttpResponse<String> known = web.get("/api/v1/sensors/kunikane/stages");
        HttpResponse<String> none = web.get("/api/v1/sensors/underpass/stages");
        HttpResponse<String> unknown = web.get("/api/v1/sensors/nobody/stages");

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(known).path("thresholds").findValuesAsText("stage"))
                .containsExactly("1", "2", "4");
        assertThat(TestServer.json(none).path("thresholds")).isEmpty();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestServer.contentType(unknown)).startsWith("application/problem+json");
    }

    @Test
    void aClientWithTheCurrentEtagGets304AndNoBody() {
        givenAServerWithStages();
        HttpResponse<String> first = web.get("/api/v1/sensors");
        String etag = first.headers().firstValue("etag").orElseThrow();

        HttpResponse<String> again =
                web.send(HttpRequest.newBuilder(web.uri("/api/v1/sensors")).header("If-None-Match", etag));

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("etag")).hasValue(etag);
    }

    @Test
    void aClientAcceptingGzipGetsTheSameCollectionCompressed() throws IOException {
        givenAServerWithStages();
        String plain = web.get("/api/v1/sensors").body();

        HttpResponse<byte[]> zipped =
                web.sendBytes(HttpRequest.newBuilder(web.uri("/api/v1/sensors")).header("Accept-Encoding", "gzip, br"));

        assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(zipped.headers().firstValue("vary"))
                .hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("accept-encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
        }
        assertThat(zipped.body().length).isLessThan(plain.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aCommittedReadingShowsInTheCollectionWithinASecondOrSo() {
        givenAServerWithStages();
        assertThat(feature(TestServer.json(web.get("/api/v1/sensors")), "kunikane")
                        .at("/properties/latest/value")
                        .asDouble())
                .isEqualTo(1.0);
        Reading newer =
                new Reading(kunikane.id(), kunikane.municipality(), T.plusSeconds(600), Quantity.WATER_LEVEL, 2.7);
        readings.with(newer);

        web.server.liveFeed().onCommitted(kunikane, List.of(newer));

        await().atMost(Duration.ofSeconds(3))
                .until(() -> feature(TestServer.json(web.get("/api/v1/sensors")), "kunikane")
                                .at("/properties/latest/value")
                                .asDouble()
                        == 2.7);
    }
}
