package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.mapweb.TestAuth.TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

class AlertSettingsEndpointTest {

    static final String PATH = "/api/v1/admin/alert-settings";

    final InMemoryAlertRules rules = new InMemoryAlertRules();
    TestServer web;

    @BeforeEach
    void start() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        web = TestServer.start(
                new MapWebServer(WebConfig.onPort(0), registry, new InMemoryReadingQueries(registry), List.of())
                        .withAlertSettings(rules, TestAuth.AUTH));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    HttpResponse<String> patch(String json) {
        return web.send("PATCH", PATH, TOKEN, json);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
    }

    @Test
    void reading_them_needs_the_admin_token() {
        HttpResponse<String> response = web.get(PATH);

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"kawamori-admin\"");
        assertProblem(web.get(PATH, "wrong-token"), 401);
        assertProblem(web.send("PATCH", PATH, null, "{\"set\":{\"battery.low-percent\":\"10\"}}"), 401);
        assertThat(rules.stored()).isEmpty();
    }

    @Test
    void get_answers_the_defaults_and_the_stored_settings() {
        patch("{\"set\":{\"station.kunikane.river-stage.hold\":\"PT45M\"}}");

        HttpResponse<String> response = web.get(PATH, TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(response)).startsWith("application/json");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode body = TestServer.json(response);
        assertThat(body.path("defaults").path("battery.low-percent").asText()).isEqualTo("20");
        assertThat(body.path("defaults").size()).isEqualTo(4);
        assertThat(body.path("stored").path("station.kunikane.river-stage.hold").asText())
                .isEqualTo("PT45M");
        assertThat(body.path("stored").size()).isEqualTo(1);
    }

    @Test
    void patch_sets_and_removes_and_answers_the_new_stored_map() {
        patch("{\"set\":{\"battery.low-percent\":15,\"river-stage.hold\":\"PT40M\"}}");

        HttpResponse<String> response = patch(
                "{\"set\":{\"municipality.282103.battery.low-percent\":\"25\"},\"remove\":[\"river-stage.hold\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode stored = TestServer.json(response).path("stored");
        assertThat(stored.size()).isEqualTo(2);
        assertThat(stored.path("battery.low-percent").asText()).isEqualTo("15");
        assertThat(stored.path("municipality.282103.battery.low-percent").asText())
                .isEqualTo("25");
        assertThat(rules.stored())
                .isEqualTo(Map.of("battery.low-percent", "15", "municipality.282103.battery.low-percent", "25"));
    }

    @Test
    void the_change_is_made_by_the_authenticated_caller() {
        patch("{\"remove\":[\"battery.low-percent\"]}");

        assertThat(rules.updatedBy).containsExactly(TestAuth.CALLER);
    }

    @Test
    void bad_settings_answer_422_naming_every_key_and_change_nothing() {
        patch("{\"set\":{\"battery.low-percent\":\"15\"}}");

        HttpResponse<String> response = patch(
                "{\"set\":{\"battery.low-percent\":\"150\",\"no.such-key\":\"1\",\"river-stage.hold\":\"PT1H\"}}");

        assertProblem(response, 422);
        JsonNode problem = TestServer.json(response);
        JsonNode problems = problem.path("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).path("key").asText()).isEqualTo("battery.low-percent");
        assertThat(problems.get(0).path("detail").asText()).contains("percentage");
        assertThat(problems.get(1).path("key").asText()).isEqualTo("no.such-key");
        assertThat(problems.get(1).path("detail").asText()).isEqualTo("unknown setting");
        assertThat(problem.path("detail").asText()).contains("battery.low-percent", "no.such-key");
        assertThat(rules.stored()).isEqualTo(Map.of("battery.low-percent", "15"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{}",
                "{\"set\":[]}",
                "{\"set\":{\"battery.low-percent\":{\"v\":1}}}",
                "{\"set\":{\"battery.low-percent\":null}}",
                "{\"remove\":\"battery.low-percent\"}",
                "{\"remove\":[1]}",
                "{\"set\":{\"battery.low-percent\":\"10\"},\"remove\":[\"battery.low-percent\"]}",
                "{\"set\":{},\"replace\":true}",
            })
    void a_body_of_another_shape_answers_422(String json) {
        assertProblem(patch(json), 422);
        assertThat(rules.updatedBy).isEmpty();
    }

    @Test
    void a_body_that_is_not_json_answers_400_without_echoing_it() {
        HttpResponse<String> response = patch("{\"set\": secret-value");

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("secret-value");
    }

    @Test
    void a_body_that_is_not_sent_as_json_answers_415() {
        HttpResponse<String> response = web.send(HttpRequest.newBuilder(web.uri(PATH))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/plain")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"remove\":[]}")));

        assertProblem(response, 415);
    }

    @Test
    void other_methods_answer_405_with_allow() {
        HttpResponse<String> response = web.send("PUT", PATH, TOKEN, "{}");

        assertProblem(response, 405);
        assertThat(response.headers().firstValue("allow")).hasValue("GET, PATCH");
    }

    @Test
    void the_rest_of_the_admin_api_stays_off_when_only_the_settings_are_on() {
        HttpResponse<String> response = web.get("/api/v1/admin/sensors", TOKEN);

        assertProblem(response, 404);
        assertThat(TestServer.json(response).path("detail").asText()).contains("disabled");
    }

    @Test
    void without_settings_the_path_answers_404() {
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        try (TestServer plain = TestServer.start(registry, new InMemoryReadingQueries(registry), List.of())) {
            assertProblem(plain.get(PATH, TOKEN), 404);
        }
    }
}
