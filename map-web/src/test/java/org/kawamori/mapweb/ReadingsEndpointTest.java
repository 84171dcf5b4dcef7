package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

class ReadingsEndpointTest {

    static final Instant FROM = Instant.parse("2024-07-01T00:00:00Z");
    static final Instant TO = Instant.parse("2024-07-01T01:00:00Z");
    static final Sensor GAUGE = givenSensor("kunikane").in("282103").gauge().build();
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    static TestServer web;

    @BeforeAll
    static void start() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry().with(GAUGE);
        InMemoryReadingQueries queries = new InMemoryReadingQueries(registry)
                .with(
                        level(FROM.minusSeconds(1), 1.0),
                        level(FROM, 1.1),
                        level(FROM.plusSeconds(600), 1.2),
                        new Reading(GAUGE.id(), GAUGE.municipality(), FROM.plusSeconds(600), Quantity.BATTERY, 90),
                        level(TO.minusSeconds(1), 1.3),
                        level(TO, 1.4),
                        level(NOW.minus(Duration.ofHours(25)), 2.0),
                        level(NOW.minus(Duration.ofHours(1)), 2.1));
        web = TestServer.start(registry, queries, List.of());
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static Reading level(Instant time, double value) {
        return new Reading(GAUGE.id(), GAUGE.municipality(), time, Quantity.WATER_LEVEL, value);
    }

    static List<Double> values(JsonNode body) {
        List<Double> values = new ArrayList<>();
        body.path("readings").forEach(r -> values.add(r.path("value").asDouble()));
        return values;
    }

    @Test
    void returns_the_readings_from_inclusive_to_exclusive_oldest_first_in_every_quantity() {
        HttpResponse<String> response = web.get("/api/v1/sensors/kunikane/readings?from=" + FROM + "&to=" + TO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(response)).startsWith("application/json");
        JsonNode body = TestServer.json(response);
        assertThat(body.path("sensor").asText()).isEqualTo("kunikane");
        assertThat(body.path("from").asText()).isEqualTo("2024-07-01T00:00:00Z");
        assertThat(body.path("to").asText()).isEqualTo("2024-07-01T01:00:00Z");
        assertThat(values(body)).containsExactly(1.1, 1.2, 90.0, 1.3);
        JsonNode first = body.path("readings").get(0);
        assertThat(first.path("time").asText()).isEqualTo("2024-07-01T00:00:00Z");
        assertThat(first.path("quantity").asText()).isEqualTo("level");
        assertThat(first.path("unit").asText()).isEqualTo("m");
        JsonNode battery = body.path("readings").get(2);
        assertThat(battery.path("quantity").asText()).isEqualTo("battery");
        assertThat(battery.path("unit").asText()).isEqualTo("%EL");
    }

    @Test
    void reads_times_with_an_offset_as_the_same_instants() {
        JsonNode body = TestServer.json(web.get(
                "/api/v1/sensors/kunikane/readings?from=2024-07-01T09:00:00%2B09:00&to=2024-07-01T10:00:00%2B09:00"));

        assertThat(body.path("from").asText()).isEqualTo("2024-07-01T00:00:00Z");
        assertThat(values(body)).containsExactly(1.1, 1.2, 90.0, 1.3);
    }

    @Test
    void defaults_to_the_last_24_hours() {
        JsonNode body = TestServer.json(web.get("/api/v1/sensors/kunikane/readings"));

        Instant to = Instant.parse(body.path("to").asText());
        Instant from = Instant.parse(body.path("from").asText());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(24));
        assertThat(to).isBetween(NOW.minusSeconds(60), NOW.plusSeconds(60));
        assertThat(values(body)).containsExactly(2.1);
    }

    @Test
    void stops_at_the_limit() {
        JsonNode body =
                TestServer.json(web.get("/api/v1/sensors/kunikane/readings?from=" + FROM + "&to=" + TO + "&limit=2"));

        assertThat(values(body)).containsExactly(1.1, 1.2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobody", "bad%20id", "x%2F..%2Fy"})
    void answers_404_problem_for_an_unknown_sensor(String id) {
        HttpResponse<String> response = web.get("/api/v1/sensors/" + id + "/readings");

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, 404, "Not Found");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "from=yesterday",
                "to=2026-13-01T00:00:00Z",
                "from=2026-11-23",
                "from=",
                "from=2024-07-01T01:00:00Z&to=2024-07-01T01:00:00Z",
                "from=2024-07-01T02:00:00Z&to=2024-07-01T01:00:00Z",
                "limit=0",
                "limit=-5",
                "limit=10001",
                "limit=many",
                "limit=1.5"
            })
    void answers_400_problem_for_bad_times_or_limits(String query) {
        HttpResponse<String> response = web.get("/api/v1/sensors/kunikane/readings?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response, 400, "Bad Request");
    }

    @Test
    void accepts_the_largest_limit() {
        assertThat(web.get("/api/v1/sensors/kunikane/readings?limit=10000").statusCode())
                .isEqualTo(200);
    }

    static void assertProblem(HttpResponse<String> response, int status, String title) {
        assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
        JsonNode problem = TestServer.json(response);
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("title").asText()).isEqualTo(title);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
    }
}
