package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

class StaticAssetsTest {

    static TestServer web;
    static Set<String> workingDirBefore;

    @BeforeAll
    static void start() {
        workingDirBefore = Set.of(new File(".").list());
        InMemorySensorRegistry registry = new InMemorySensorRegistry();
        web = TestServer.start(registry, new InMemoryReadingQueries(registry), List.of());
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void serves_the_map_page_at_the_root() {
        HttpResponse<String> page = web.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(page)).startsWith("text/html");
        assertThat(page.body())
                .contains("id=\"sensor-list\"")
                .contains("webjars/leaflet/leaflet.js")
                .contains("app.js")
                .contains("出典：国土数値情報（行政区域データ）（国土交通省）")
                .doesNotContain("http://", "https://unpkg", "cdn");
    }

    @Test
    void serves_the_script_and_the_stylesheet_of_the_page() {
        HttpResponse<String> script = web.get("/app.js");
        HttpResponse<String> style = web.get("/app.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(script)).contains("javascript");
        assertThat(script.body()).contains("EventSource").doesNotContain("innerHTML");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(style)).startsWith("text/css");
    }

    @Test
    void serves_leaflet_from_its_webjar() {
        HttpResponse<String> script = web.get("/webjars/leaflet/leaflet.js");
        HttpResponse<String> style = web.get("/webjars/leaflet/leaflet.css");
        HttpResponse<String> layersIcon = web.get("/webjars/leaflet/images/layers.png");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(script)).contains("javascript");
        assertThat(script.body()).contains("Leaflet 1.9.4");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(style)).startsWith("text/css");
        assertThat(layersIcon.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(layersIcon)).isEqualTo("image/png");
    }

    @Test
    void serves_the_basin_boundaries_as_geojson() throws Exception {
        HttpResponse<String> geo = web.get("/geo/kakogawa-basin.geojson");

        assertThat(geo.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(geo)).startsWith("application/geo+json");
        var body = TestServer.json(geo);
        assertThat(body.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(body.path("features")).hasSize(10);
        assertThat(body.path("features").findValuesAsText("N03_004")).contains("加古川市", "高砂市", "播磨町");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app.js", "/api/v1/sensors", "/health", "/geo/kakogawa-basin.geojson", "/nothing"})
    void sets_the_security_headers_on_every_response(String path) {
        HttpResponse<String> response = web.get(path);

        String csp = response.headers().firstValue("content-security-policy").orElse("");
        assertThat(csp)
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("img-src 'self' https://cyberjapandata.gsi.go.jp https://tile.openstreetmap.org")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    }

    @Test
    void answers_unknown_api_paths_with_a_404_problem() {
        HttpResponse<String> response = web.get("/api/v1/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
    }

    @Test
    void does_not_serve_files_outside_the_webroot() {
        assertThat(web.get("/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(web.get("/org/kawamori/mapweb/MapWebServer.class").statusCode())
                .isEqualTo(404);
    }

    @Test
    void leaves_no_file_cache_in_the_working_directory() {
        web.get("/");
        web.get("/webjars/leaflet/leaflet.js");

        assertThat(Set.of(new File(".").list())).isEqualTo(workingDirBefore);
    }
}
