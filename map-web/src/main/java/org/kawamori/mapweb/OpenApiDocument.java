package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's OpenAPI 3.1 document, written by hand next to the code ({@code openapi/kawamori-v1.yaml})
 * and served as {@code /api/v1/openapi.yaml} and {@code /api/v1/openapi.json}. A test keeps it and the
 * routes the same: every API route is documented, and every documented path is a route.
 */
final class OpenApiDocument {

    static final String RESOURCE = "openapi/kawamori-v1.yaml";

    private final Buffer yaml;
    private final Buffer json;

    private OpenApiDocument(byte[] yaml, JsonNode tree) {
        this.yaml = Buffer.buffer(yaml);
        this.json = Buffer.buffer(Json.write(tree));
    }

    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            byte[] bytes = in.readAllBytes();
            return new OpenApiDocument(bytes, new ObjectMapper(new YAMLFactory()).readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    void mount(Router router) {
        router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(yaml));
        router.get("/api/v1/openapi.json").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(json));
    }
}
