package org.kawamori.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Compose schema cannot say about deploy/compose: the project's rules for its services.
 * {@link #problems} names each broken rule in a line of its own; none is a valid file.
 */
final class ComposeRules {

    static final String IMAGE = "kawamori/kawamori";

    /**
     * The variables of secrets.env that are the other services' (TimescaleDB's first initialisation,
     * the broker's health check). One secrets.env for all is the operator's convenience; the
     * instances see these two, which give them nothing they do not have (the same database password,
     * a read-only account for the broker's uptime).
     */
    static final java.util.Set<String> OTHER_SERVICES_SECRETS =
            java.util.Set.of("POSTGRES_PASSWORD", "MOSQUITTO_HEALTH_PASSWORD");

    static final Duration DRAIN = Duration.ofSeconds(40);

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(h|ms|m|s)");
    private static final Pattern PASSWORD_ARGUMENT =
            Pattern.compile("(?:^|\\s)(?:-P|--pw|--password)\\s+\"?([^\\s\"]+)");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)password=|//[^/@\\s:]+:[^/@\\s]+@");

    private final JsonNode compose;
    private final Function<String, Optional<Map<String, String>>> envFiles;
    private final String version;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param envFiles an env file's variables by the name compose.yaml uses ({@code secrets.env} is
     *     answered with secrets.env.example's names), empty when there is no such file
     */
    private ComposeRules(JsonNode compose, Function<String, Optional<Map<String, String>>> envFiles, String version) {
        this.compose = compose;
        this.envFiles = envFiles;
        this.version = version;
    }

    static List<String> problems(
            JsonNode compose, Function<String, Optional<Map<String, String>>> envFiles, String version) {
        ComposeRules rules = new ComposeRules(compose, envFiles, version);
        rules.check();
        return rules.problems;
    }

    private void check() {
        JsonNode services = compose.path("services");
        Map<String, Map<String, String>> kawamori = new LinkedHashMap<>();
        services.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            dependencies(name, service, services);
            noSecretsIn(name, service);
            if (service.path("image").asText().startsWith(IMAGE + ":")) {
                kawamori.put(name, kawamoriService(name, service));
            }
            String image = service.path("image").asText();
            if ((image.contains("postgres") || image.contains("timescale")) && service.has("ports")) {
                problems.add(name + ": the database publishes a port; only the instances reach it");
            }
        });
        if (kawamori.size() < 2) {
            problems.add("fewer than two Kawamori services: " + kawamori.keySet());
        }
        sameForAll(kawamori, "KAWAMORI_MQTT_SHARED_GROUP");
        Map<String, String> ids = new HashMap<>();
        kawamori.forEach((service, env) -> {
            String id = env.get("KAWAMORI_INSTANCE_ID");
            if (id == null || id.isBlank()) {
                problems.add(service + ": no KAWAMORI_INSTANCE_ID (it names the instance's MQTT session)");
            } else if (ids.put(id, service) != null) {
                problems.add(service + ": KAWAMORI_INSTANCE_ID " + id + " is also " + ids.get(id) + "'s");
            }
        });
    }

    /** Every dependency waits for a healthy service, and that service has a health check. */
    private void dependencies(String name, JsonNode service, JsonNode services) {
        JsonNode dependsOn = service.path("depends_on");
        if (dependsOn.isMissingNode()) {
            return;
        }
        if (!dependsOn.isObject()) {
            problems.add(name + ": depends_on as a list waits only for a start; give condition: service_healthy");
            return;
        }
        dependsOn.fields().forEachRemaining(dependency -> {
            String condition = dependency.getValue().path("condition").asText();
            if (!condition.equals("service_healthy")) {
                problems.add(name + ": depends_on " + dependency.getKey() + " with condition " + condition
                        + ", not service_healthy");
            }
            JsonNode other = services.path(dependency.getKey());
            if (other.isMissingNode()) {
                problems.add(name + ": depends on " + dependency.getKey() + ", which is no service here");
            } else if (!other.has("healthcheck")
                    || other.path("healthcheck").path("disable").asBoolean(false)) {
                problems.add(name + ": depends on " + dependency.getKey() + ", which has no health check");
            }
        });
    }

    /** No secret value in compose.yaml: not in an environment, not as a password argument, not in a URL. */
    private void noSecretsIn(String name, JsonNode service) {
        environment(service).forEach((variable, value) -> {
            if (ServeConfiguration.isSecret(variable) && !value.isEmpty()) {
                problems.add(name + ": the secret " + variable + " is set in compose.yaml; it belongs in secrets.env");
            }
        });
        strings(service, "").forEach((path, text) -> {
            Matcher argument = PASSWORD_ARGUMENT.matcher(text);
            while (argument.find()) {
                if (!argument.group(1).startsWith("$")) {
                    problems.add(name + path + ": a password written into the command: "
                            + argument.group(0).strip());
                }
            }
            if (PASSWORD_IN_URL.matcher(text).find()) {
                problems.add(name + path + ": a password in a URL");
            }
        });
        for (String file : envFileNames(service)) {
            if (file.equals("secrets.env")) {
                continue;
            }
            envFiles.apply(file).orElse(Map.of()).forEach((variable, value) -> {
                if (ServeConfiguration.isSecret(variable) && !value.isEmpty()) {
                    problems.add(file + ": the secret " + variable + " belongs in secrets.env");
                }
                if (PASSWORD_IN_URL.matcher(value).find()) {
                    problems.add(file + ": a password in the value of " + variable);
                }
            });
        }
    }

    /** A Kawamori instance: its image, command, health check, stop, hardening and settings. */
    private Map<String, String> kawamoriService(String name, JsonNode service) {
        String image = service.path("image").asText();
        String expected = IMAGE + ":${KAWAMORI_VERSION:-" + version + "}";
        if (!image.equals(expected)) {
            problems.add(name + ": image " + image + ", expected " + expected + " (the project's version)");
        }
        JsonNode command = service.path("command");
        if (!(command.isArray()
                        && command.size() == 1
                        && command.get(0).asText().equals("serve"))
                && !command.asText().equals("serve")) {
            problems.add(name + ": command is " + command + ", not serve");
        }
        if (!service.path("restart").asText().equals("unless-stopped")) {
            problems.add(name + ": restart is " + service.path("restart").asText() + ", not unless-stopped");
        }
        Duration grace = duration(service.path("stop_grace_period").asText("10s"));
        if (grace.compareTo(DRAIN) < 0) {
            problems.add(name + ": stop_grace_period " + grace.toSeconds() + " s, less than " + DRAIN.toSeconds()
                    + " s to let in-flight messages commit");
        }
        if (!service.path("user").asText().equals("65532:65532")) {
            problems.add(name + ": user is not 65532:65532 (the image's non-root user)");
        }
        if (!service.path("read_only").asBoolean(false)) {
            problems.add(name + ": the root filesystem is not read_only");
        }
        if (!strings(service.path("tmpfs"), "").containsValue("/tmp")) {
            problems.add(name + ": no tmpfs on /tmp (read-only root; Vert.x and the JVM write there)");
        }
        if (!strings(service.path("cap_drop"), "").containsValue("ALL")) {
            problems.add(name + ": capabilities are not dropped (cap_drop: [ALL])");
        }

        Map<String, String> env = new LinkedHashMap<>();
        List<String> files = envFileNames(service);
        if (!files.contains("secrets.env")) {
            problems.add(name + ": does not read secrets.env");
        }
        for (String file : files) {
            Optional<Map<String, String>> variables = envFiles.apply(file);
            if (variables.isEmpty()) {
                problems.add(name + ": env_file " + file + " does not exist");
            }
            variables.ifPresent(env::putAll);
        }
        env.putAll(environment(service));
        env.keySet().stream()
                .filter(variable -> !ServeConfiguration.NAMES.contains(variable))
                .filter(variable -> !OTHER_SERVICES_SECRETS.contains(variable))
                .forEach(variable -> problems.add(name + ": " + variable + " is not a setting of serve"));
        ServeConfiguration.REQUIRED.stream()
                .filter(setting -> !ServeConfiguration.given(setting, env.keySet()))
                .forEach(setting -> problems.add(name + ": " + setting + " is not set"));

        String port = env.getOrDefault("KAWAMORI_HTTP_PORT", "8080");
        String ready = "http://127.0.0.1:" + port + "/health/ready";
        List<String> test = new ArrayList<>();
        service.path("healthcheck").path("test").forEach(part -> test.add(part.asText()));
        boolean healthCommand = !test.isEmpty()
                && test.get(0).equals("CMD")
                && test.contains("org.kawamori.deploy.Main")
                && test.contains("health")
                && test.indexOf("--url") >= 0
                && test.indexOf("--url") + 1 < test.size()
                && test.get(test.indexOf("--url") + 1).equals(ready);
        if (!healthCommand) {
            problems.add(name + ": the health check is not the image's health command on " + ready + ": " + test);
        }
        return env;
    }

    private void sameForAll(Map<String, Map<String, String>> services, String variable) {
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        services.forEach(
                (service, env) -> byValue.computeIfAbsent(env.getOrDefault(variable, ""), v -> new ArrayList<>())
                        .add(service));
        if (byValue.size() > 1 || byValue.containsKey("")) {
            problems.add("the Kawamori services differ in " + variable + " (or lack it): " + byValue);
        }
    }

    private static List<String> envFileNames(JsonNode service) {
        JsonNode envFile = service.path("env_file");
        List<String> names = new ArrayList<>();
        if (envFile.isTextual()) {
            names.add(envFile.asText());
        }
        envFile.forEach(entry -> names.add(entry.isObject() ? entry.path("path").asText() : entry.asText()));
        return names;
    }

    /** A service's environment as a map, from either of Compose's two forms. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isObject()) {
            environment
                    .fields()
                    .forEachRemaining(e -> env.put(
                            e.getKey(),
                            e.getValue().isNull() ? "" : e.getValue().asText()));
        } else {
            environment.forEach(entry -> {
                String text = entry.asText();
                int equals = text.indexOf('=');
                env.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            });
        }
        return env;
    }

    /** Every string in the tree, by its path below {@code path}. */
    private static Map<String, String> strings(JsonNode node, String path) {
        Map<String, String> found = new LinkedHashMap<>();
        if (node.isTextual()) {
            found.put(path, node.asText());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.putAll(strings(node.get(i), path + "/" + i));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> found.putAll(strings(e.getValue(), path + "/" + e.getKey())));
        }
        return found;
    }

    /** A Compose (Go) duration such as 40s, 1m30s or 2h. */
    static Duration duration(String text) {
        Matcher matcher = GO_DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(
                    switch (matcher.group(2)) {
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        default -> Duration.ofMillis(amount);
                    });
            end = matcher.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return total;
    }
}
