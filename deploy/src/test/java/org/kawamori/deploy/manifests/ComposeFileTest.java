package org.kawamori.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose as Docker Compose v2 reads it, checked without Docker: compose.yaml against the
 * Compose Specification's JSON schema, then the project's rules (ComposeRules); each check is shown
 * to reject a file broken on purpose.
 */
class ComposeFileTest {

    private static final Path COMPOSE_YAML = ManifestFiles.COMPOSE.resolve("compose.yaml");
    private static final ComposeSchema SCHEMA = ComposeSchema.load();

    private static String composeText() {
        return ManifestFiles.read(COMPOSE_YAML);
    }

    /** compose.yaml's env files; secrets.env, which only a host has, is answered by its example. */
    private static Optional<Map<String, String>> envFile(String name) {
        Path file = ManifestFiles.COMPOSE.resolve(name.equals("secrets.env") ? "secrets.env.example" : name);
        return Files.isRegularFile(file)
                ? Optional.of(ManifestFiles.envFile(ManifestFiles.read(file)))
                : Optional.empty();
    }

    private static List<String> ruleProblems(String text) {
        return ComposeRules.problems(
                ManifestFiles.yamlDocument(text), ComposeFileTest::envFile, ManifestFiles.projectVersion());
    }

    /** compose.yaml with the first {@code from} replaced, which must be there. */
    private static String broken(String from, String to) {
        String text = composeText();
        assertThat(text).contains(from);
        return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void composeYamlIsValidAgainstTheComposeSpecification() {
        assertThat(SCHEMA.problems(ManifestFiles.yamlDocument(composeText()))).isEmpty();
    }

    @Test
    void theSchemaRejectsAMisspeltDependencyCondition() {
        JsonNode broken =
                ManifestFiles.yamlDocument(broken("condition: service_healthy", "condition: service_started_typo"));

        assertThat(SCHEMA.problems(broken)).isNotEmpty().anyMatch(p -> p.contains("depends_on"));
    }

    @Test
    void theSchemaRejectsAMisspeltServiceKey() {
        JsonNode broken =
                ManifestFiles.yamlDocument(broken("    healthcheck:\n      # $SYS", "    healtcheck:\n      # $SYS"));

        assertThat(SCHEMA.problems(broken)).isNotEmpty().anyMatch(p -> p.contains("healtcheck"));
    }

    @Test
    void aKeyGivenTwiceInOneMappingIsAnError() {
        String twice = broken("    hostname: kawamori-1\n", "    hostname: kawamori-1\n    hostname: kawamori-3\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ManifestFiles.yamlDocument(twice))
                .hasMessageContaining("hostname");
    }

    @Test
    void composeYamlKeepsTheProjectsRules() {
        assertThat(ruleProblems(composeText())).isEmpty();
    }

    @Test
    void theRulesRejectADependencyThatOnlyWaitsForAStart() {
        assertThat(ruleProblems(broken("condition: service_healthy", "condition: service_started")))
                .anyMatch(p -> p.contains("not service_healthy"));
    }

    @Test
    void theRulesRejectTwoInstancesWithOneInstanceId() {
        assertThat(ruleProblems(broken("KAWAMORI_INSTANCE_ID: kawamori-2", "KAWAMORI_INSTANCE_ID: kawamori-1")))
                .anyMatch(p -> p.contains("KAWAMORI_INSTANCE_ID kawamori-1 is also"));
    }

    @Test
    void theRulesRejectAnInstanceOutsideTheSharedGroup() {
        String outside = broken(
                "      KAWAMORI_INSTANCE_ID: kawamori-2",
                "      KAWAMORI_MQTT_SHARED_GROUP: kawamori-b\n      KAWAMORI_INSTANCE_ID: kawamori-2");

        assertThat(ruleProblems(outside)).anyMatch(p -> p.contains("differ in KAWAMORI_MQTT_SHARED_GROUP"));
    }

    @Test
    void theRulesRejectAPasswordWrittenIntoComposeYaml() {
        String written = broken(
                "      KAWAMORI_INSTANCE_ID: kawamori-1",
                "      KAWAMORI_DB_PASSWORD: correct-horse-battery\n      KAWAMORI_INSTANCE_ID: kawamori-1");

        assertThat(ruleProblems(written))
                .anyMatch(p -> p.contains("the secret KAWAMORI_DB_PASSWORD is set in compose.yaml"));
    }

    @Test
    void theRulesRejectAMisspeltSettingAndAWrongHealthCheck() {
        assertThat(ruleProblems(broken(
                        "KAWAMORI_NOTIFY_CONFIG: /run/kawamori/secrets/notify-kawamori-1",
                        "KAWAMORI_NOTIFY_CONFIGS: /run/kawamori/secrets/notify-kawamori-1")))
                .anyMatch(p -> p.contains("KAWAMORI_NOTIFY_CONFIGS is not a setting of serve"));
        assertThat(ruleProblems(broken("http://127.0.0.1:8080/health/ready", "http://127.0.0.1:8080/health/live")))
                .anyMatch(p -> p.contains("the health check is not the image's health command"));
    }

    @Test
    void theKawamoriImageTagIsTheProjectVersion() {
        assertThat(ruleProblems(broken("${KAWAMORI_VERSION:-", "${KAWAMORI_VERSION:-9")))
                .anyMatch(p -> p.contains("the project's version"));
    }

    @Test
    void secretsEnvExampleNamesTheSecretsWithEmptyValuesOnly() {
        Map<String, String> example = envFile("secrets.env").orElseThrow();
        Map<String, String> settings = envFile("kawamori.env").orElseThrow();

        assertThat(example).isNotEmpty().allSatisfy((name, value) -> {
            assertThat(value).as("the placeholder of %s", name).isEmpty();
            assertThat(settings).as("kawamori.env").doesNotContainKey(name);
        });
        assertThat(example.keySet())
                .contains(
                        "POSTGRES_PASSWORD",
                        "KAWAMORI_DB_PASSWORD",
                        "KAWAMORI_MQTT_PASSWORD",
                        "MOSQUITTO_HEALTH_PASSWORD")
                .filteredOn(name -> !ServeConfiguration.isSecret(name))
                .isEmpty();
        assertThat(settings.keySet()).noneMatch(ServeConfiguration::isSecret);
        assertThat(Files.exists(ManifestFiles.COMPOSE.resolve("secrets.env")))
                .as("a secrets.env in the tree")
                .isFalse();
    }

    @Test
    void theFilesThatHoldSecretsAreIgnoredByGit() {
        List<String> ignored = ManifestFiles.read(ManifestFiles.COMPOSE.resolve(".gitignore"))
                .lines()
                .map(String::strip)
                .toList();

        assertThat(ignored).contains("secrets.env", "secrets/", "mosquitto/passwd", "backups/");
    }

    @Test
    void theBrokerReadsTheConfigurationDirectoryItsPathsPointTo() {
        JsonNode mosquitto =
                ManifestFiles.yamlDocument(composeText()).path("services").path("mosquitto");
        List<String> volumes = new java.util.ArrayList<>();
        mosquitto.path("volumes").forEach(v -> volumes.add(v.asText()));
        String conf = ManifestFiles.read(ManifestFiles.COMPOSE.resolve("mosquitto/mosquitto.conf"));

        assertThat(volumes).contains("./mosquitto:/mosquitto/config:ro", "mosquitto-data:/mosquitto/data");
        assertThat(MosquittoRules.options(conf).get("persistence_location")).containsExactly("/mosquitto/data/");
        assertThat(ManifestFiles.COMPOSE.resolve("mosquitto/acl")).isRegularFile();
    }

    @Test
    void theSchemaCopyIsTheOneItsNoticeNames() throws IOException, NoSuchAlgorithmException {
        String notice = new String(
                ComposeFileTest.class
                        .getResourceAsStream("/manifests/compose-spec.NOTICE.md")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        byte[] schema;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream(ComposeSchema.RESOURCE)) {
            schema = in.readAllBytes();
        }
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(schema));

        assertThat(notice).contains(sha256).contains("Apache License, Version 2.0");
        assertThat(ComposeFileTest.class.getResource("/manifests/compose-spec.LICENSE"))
                .isNotNull();
    }
}
