package org.kawamori.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Compose Specification's JSON schema ({@code compose-spec.json} of compose-spec/compose-spec,
 * Apache-2.0, copied under src/test/resources/manifests with its commit): what {@code docker compose}
 * checks a file against before it runs it. Read from the classpath, never fetched.
 */
final class ComposeSchema {

    static final String RESOURCE = "/manifests/compose-spec.json";

    /** Where the schema's relative {@code $id} (compose_spec.json) resolves; never fetched. */
    private static final String BASE = "https://compose-spec.invalid/schema/compose_spec.json";

    private final Schema schema;

    private ComposeSchema(Schema schema) {
        this.schema = schema;
    }

    static ComposeSchema load() {
        try (InputStream in = ComposeSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            JsonNode node = new ObjectMapper().readTree(in);
            // draft-07, given here: the file's "$schema" is https://json-schema.org/draft-07/schema,
            // which must not be looked up on the network; its relative "$id" needs an absolute base,
            // and every "$ref" in it points into the file itself
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
            return new ComposeSchema(registry.getSchema(SchemaLocation.of(BASE), node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the schema finds wrong with the document, one line each ("/services/x: …"); empty when valid. */
    List<String> problems(JsonNode document) {
        List<Error> errors = schema.validate(document);
        return errors.stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }
}
