package org.kawamori.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Where the deployment files are ({@code deploy/compose}, {@code deploy/k8s}; the tests run in the
 * module's directory) and how they are read: YAML as Docker Compose and Kubernetes read it (anchors
 * and merge keys resolved, a key twice in one mapping an error), {@code .env} files as Compose reads
 * them (a comment only on a line of its own).
 */
final class ManifestFiles {

    static final Path COMPOSE = Path.of("compose");
    static final Path K8S = Path.of("k8s");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARENT_VERSION =
            Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL);

    private ManifestFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of the text, as JSON trees; fails on a syntax error or a duplicate key. */
    static List<JsonNode> yamlDocuments(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(text)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    /** The one YAML document of the text. */
    static JsonNode yamlDocument(String text) {
        List<JsonNode> documents = yamlDocuments(text);
        if (documents.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    /** A Compose env file's variables in their order: {@code NAME=value}, blank lines and comment lines. */
    static Map<String, String> envFile(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int equals = stripped.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line " + number + " is not NAME=value: " + line);
            }
            String name = stripped.substring(0, equals);
            String value = stripped.substring(equals + 1);
            if (!name.matches("[A-Z_][A-Z0-9_]*")) {
                throw new IllegalArgumentException("line " + number + ": not a variable name: " + name);
            }
            if (value.contains(" #") || value.startsWith("\"") || value.startsWith("'") || value.contains("$")) {
                throw new IllegalArgumentException(
                        "line " + number + ": a comment, a quote or a variable in the value of " + name);
            }
            if (variables.put(name, value) != null) {
                throw new IllegalArgumentException("line " + number + ": " + name + " a second time");
            }
        }
        return variables;
    }

    /** The project's version, from the parent of deploy's pom (the image's tag). */
    static String projectVersion() {
        Matcher matcher = PARENT_VERSION.matcher(read(Path.of("pom.xml")));
        if (!matcher.find()) {
            throw new IllegalStateException("no parent version in deploy/pom.xml");
        }
        return matcher.group(1).strip();
    }
}
