package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document and the routes are the same API: every route of a fully equipped server
 * under {@code /api}, {@code /health} and {@code /metrics} is documented with its method, and every
 * documented operation is a route.
 */
class OpenApiDocumentTest {

    static TestServer web;

    @BeforeAll
    static void start() {
        web = TestServer.start(FullyEquipped.server());
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void theDocumentIsServedAsYamlAndJson() {
        HttpResponse<String> yaml = web.get("/api/v1/openapi.yaml");
        HttpResponse<String> json = web.get("/api/v1/openapi.json");

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(yaml)).startsWith("application/yaml");
        assertThat(yaml.body()).startsWith("openapi: 3.1.0");
        assertThat(TestServer.json(json).path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> routes = new TreeSet<>();
        for (String route : web.server.routes()) {
            String path = route.substring(route.indexOf(' ') + 1);
            if (path.startsWith("/api/") || path.startsWith("/health") || path.equals("/metrics")) {
                routes.add(route.replaceAll(":([A-Za-z]+)", "{$1}"));
            }
        }
        Set<String> documented = new TreeSet<>();
        JsonNode paths = TestServer.json(web.get("/api/v1/openapi.json")).path("paths");
        Iterator<Map.Entry<String, JsonNode>> it = paths.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }

        assertThat(documented).as("documented operations").containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void everyOperationSaysWhatItAnswers() {
        JsonNode paths = TestServer.json(web.get("/api/v1/openapi.json")).path("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            assertThat(op.getValue().path("summary").asText())
                    .as(op.getKey() + " " + path.getKey())
                    .isNotBlank();
            assertThat(op.getValue().path("responses").size())
                    .as(op.getKey() + " " + path.getKey())
                    .isPositive();
        }));
    }
}
