package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.kawamori.core.port.HealthIndicator;

class HealthEndpointTest {

    final InMemorySensorRegistry registry = new InMemorySensorRegistry();
    TestServer web;

    @AfterEach
    void stop() {
        web.close();
    }

    HttpResponse<String> healthWith(HealthIndicator... indicators) {
        web = TestServer.start(registry, new InMemoryReadingQueries(registry), List.of(indicators));
        return web.get("/health");
    }

    @Test
    void answers_200_up_with_every_component_when_all_are_up() {
        HttpResponse<String> response = healthWith(
                FixedHealth.up("database", "PostgreSQL 15.4, TimescaleDB absent"), FixedHealth.up("broker", "ok"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(response)).startsWith("application/json");
        JsonNode body = TestServer.json(response);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/database/status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/database/detail").asText()).isEqualTo("PostgreSQL 15.4, TimescaleDB absent");
        assertThat(body.at("/components/broker/status").asText()).isEqualTo("UP");
    }

    @Test
    void answers_503_down_naming_the_failing_component() {
        HttpResponse<String> response =
                healthWith(FixedHealth.up("database", "ok"), FixedHealth.down("broker", "connection refused"));

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = TestServer.json(response);
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/components/database/status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/broker/status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/components/broker/detail").asText()).isEqualTo("connection refused");
    }

    @Test
    void reports_a_check_that_throws_as_down() {
        HttpResponse<String> response = healthWith(new FixedHealth("database", () -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(TestServer.json(response).at("/components/database/status").asText())
                .isEqualTo("DOWN");
    }

    @Test
    void is_up_with_no_indicators() {
        HttpResponse<String> response = healthWith();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void runs_the_checks_off_the_event_loop() {
        String[] thread = new String[1];
        healthWith(new FixedHealth("probe", () -> {
            thread[0] = Thread.currentThread().getName();
            return org.kawamori.core.port.HealthIndicator.Health.up("ok");
        }));

        assertThat(thread[0]).doesNotContain("eventloop");
    }
}
