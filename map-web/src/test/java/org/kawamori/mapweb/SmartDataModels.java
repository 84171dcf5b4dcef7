package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The FIWARE Smart Data Models' JSON Schemas (copies in {@code src/test/resources/smart-data-models}, with
 * their licences), checked offline: every {@code $ref} to {@code https://smart-data-models.github.io/…} is
 * mapped to the copy, and nothing is fetched (an unmapped reference fails). Format assertions are on, so a
 * {@code date-time} that is not one fails too.
 *
 * <p>The schemas allow attributes they do not define, so {@link #undefinedAttributes} also lists the
 * attributes of an entity that the schema (with everything it refers to) does not name: a misspelt
 * attribute is found that way.
 */
final class SmartDataModels {

    static final String REMOTE = "https://smart-data-models.github.io/";
    static final String LOCAL = "smart-data-models/";

    /** The Kawamori attributes that the Smart Data Models have no term for (see the module README). */
    static final Set<String> KAWAMORI_ATTRIBUTES = Set.of("municipality", "experimental");

    static final Map<String, String> SCHEMAS = Map.of(
            "WaterObserved", "dataModel.Environment/WaterObserved/schema.json",
            "FloodMonitoring", "dataModel.Environment/FloodMonitoring/schema.json",
            "Device", "dataModel.Device/Device/schema.json",
            "Alert", "dataModel.Alert/Alert/schema.json");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)
                            .schemaIdResolvers(ids -> ids.mapPrefix(REMOTE, "classpath:" + LOCAL))));

    private SmartDataModels() {}

    /** The schema of an entity type, loaded by its published address (mapped to the local copy). */
    static Schema schemaOf(String type) {
        String path = SCHEMAS.get(type);
        if (path == null) {
            throw new IllegalArgumentException("no schema for type " + type);
        }
        return load(REMOTE + path);
    }

    /** A schema by its published address, read from the local copy (nothing is fetched). */
    static Schema load(String address) {
        return REGISTRY.getSchema(SchemaLocation.of(address));
    }

    /** What the schema of the entity's {@code type} finds wrong with it; empty when it is valid. */
    static List<String> problems(JsonNode entity) {
        return problems(entity, entity.path("type").asText());
    }

    /** What the schema of {@code type} finds wrong with the entity. */
    static List<String> problems(JsonNode entity, String type) {
        List<Error> errors = schemaOf(type).validate(entity);
        return errors.stream().map(Error::toString).toList();
    }

    /** The entity's attributes that neither its schema nor the Kawamori extensions define. */
    static Set<String> undefinedAttributes(JsonNode entity) {
        Set<String> defined = definedAttributes(entity.path("type").asText());
        Set<String> undefined = new TreeSet<>();
        entity.fieldNames().forEachRemaining(name -> {
            if (!defined.contains(name) && !KAWAMORI_ATTRIBUTES.contains(name) && !name.equals("@context")) {
                undefined.add(name);
            }
        });
        return undefined;
    }

    /** Every top-level property the schema of {@code type} names, through its {@code allOf} and {@code $ref}s. */
    static Set<String> definedAttributes(String type) {
        Set<String> names = new TreeSet<>();
        String path = SCHEMAS.get(type);
        collect(read(path), path, names);
        return names;
    }

    private static void collect(JsonNode schema, String file, Set<String> names) {
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        schema.path("allOf").forEach(part -> collect(part, file, names));
        String ref = schema.path("$ref").asText(null);
        if (ref != null) {
            int hash = ref.indexOf('#');
            String target = hash < 0 ? ref : ref.substring(0, hash);
            String targetFile = target.isEmpty() ? file : target.substring(REMOTE.length());
            JsonNode document = read(targetFile);
            collect(hash < 0 ? document : document.at(ref.substring(hash + 1)), targetFile, names);
        }
    }

    private static JsonNode read(String path) {
        try (InputStream in = SmartDataModels.class.getClassLoader().getResourceAsStream(LOCAL + path)) {
            if (in == null) {
                throw new IllegalStateException("no local copy of " + REMOTE + path);
            }
            return TestServer.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
