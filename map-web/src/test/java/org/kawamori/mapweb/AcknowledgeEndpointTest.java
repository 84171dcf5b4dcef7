package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.mapweb.AlertFixtures.givenAlert;
import static org.kawamori.mapweb.TestAuth.TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.Alert;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

class AcknowledgeEndpointTest {

    InMemoryAlerts alerts;
    TestServer web;

    @BeforeEach
    void start() {
        alerts = new InMemoryAlerts()
                .with(givenAlert(1, "river-stage").level(3).build())
                .with(givenAlert(2, "battery-low").build())
                .with(givenAlert(3, "river-stage").state(Alert.State.CLEARED).build())
                .with(givenAlert(4, "lost-mode").onTag("tag-secret", "family-1").build());
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        web = TestServer.withAlerts(registry, alerts);
    }

    @AfterEach
    void stop() {
        web.close();
    }

    HttpResponse<String> acknowledge(String id, String token, String body) {
        return web.send("POST", "/api/v1/alerts/" + id + "/acknowledge", token, body);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
        assertThat(TestServer.json(response).path("status").asInt()).isEqualTo(status);
    }

    @Test
    void without_a_token_it_answers_401_with_a_bearer_challenge_and_acknowledges_nothing() {
        HttpResponse<String> response = acknowledge("1", null, null);

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"kawamori\"");
        assertThat(alerts.acknowledgedBy).isEmpty();
        assertThat(TestServer.json(web.get("/api/v1/alerts/1")).path("state").asText())
                .isEqualTo("open");
    }

    @Test
    void a_wrong_token_answers_401_invalid_token() {
        HttpResponse<String> response = acknowledge("1", "guessed-token", "{}");

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("www-authenticate").orElse("")).contains("invalid_token");
        assertThat(alerts.acknowledgedBy).isEmpty();
    }

    @Test
    void with_the_token_it_acknowledges_and_answers_the_alert_after_it() {
        HttpResponse<String> response = acknowledge("1", TOKEN, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.contentType(response)).startsWith("application/json");
        JsonNode alert = TestServer.json(response);
        assertThat(alert.path("id").asLong()).isEqualTo(1);
        assertThat(alert.path("state").asText()).isEqualTo("acknowledged");
        assertThat(alert.path("sequence").asInt()).isEqualTo(2);
        assertThat(alert.path("facts").path("acknowledged-by").asText()).isEqualTo(TestAuth.CALLER);
        assertThat(alert.path("facts").has("_owner")).isFalse();
    }

    @Test
    void the_acknowledging_identity_is_the_authenticated_caller_whatever_the_body_says() {
        acknowledge("2", TOKEN, "{\"by\":\"someone-else\"}");

        assertThat(alerts.acknowledgedBy).containsExactly(TestAuth.CALLER);
    }

    @Test
    void the_port_runs_off_the_event_loop() {
        acknowledge("1", TOKEN, null);

        assertThat(alerts.acknowledgeThreads).singleElement().satisfies(name -> assertThat(name)
                .doesNotContain("eventloop"));
    }

    @Test
    void acknowledging_again_changes_nothing_and_answers_the_alert() {
        acknowledge("1", TOKEN, null);
        HttpResponse<String> again = acknowledge("1", TOKEN, null);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(again).path("sequence").asInt()).isEqualTo(2);
    }

    @ParameterizedTest(name = "alert {0}")
    @ValueSource(strings = {"99", "abc", "0"})
    void an_unknown_alert_answers_404(String id) {
        assertProblem(acknowledge(id, TOKEN, null), 404);
    }

    @Test
    void a_family_alert_is_not_acknowledged_here_and_answers_404() {
        assertProblem(acknowledge("4", TOKEN, null), 404);
        assertThat(alerts.acknowledgedBy).isEmpty();
    }

    @Test
    void a_cleared_alert_answers_409() {
        assertProblem(acknowledge("3", TOKEN, null), 409);
        assertThat(alerts.acknowledgedBy).isEmpty();
    }

    @Test
    void a_get_on_the_acknowledge_path_does_not_acknowledge() {
        assertThat(web.get("/api/v1/alerts/1/acknowledge", TOKEN).statusCode()).isEqualTo(404);
        assertThat(alerts.acknowledgedBy).isEmpty();
    }
}
