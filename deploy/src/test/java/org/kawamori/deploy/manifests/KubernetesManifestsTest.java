package org.kawamori.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s as a Kubernetes 1.30 API server would take it, checked without a cluster: every manifest
 * read into the Kubernetes object model with no unknown field and no value of the wrong type, then
 * the project's rules (KubernetesRules); each check is shown to reject a manifest broken on purpose.
 */
class KubernetesManifestsTest {

    private static final String SECRET_TEMPLATE = "kawamori-secret.example.yaml";
    private static final Set<String> KUSTOMIZATION_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "labels", "resources", "images");

    /** Every manifest file (all YAML but kustomization.yaml), by name, with its text. */
    private static Map<String, String> manifests() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> list = Files.list(ManifestFiles.K8S)) {
            list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(p -> files.put(p.getFileName().toString(), ManifestFiles.read(p)));
        }
        return files;
    }

    private record Read(List<HasMetadata> applied, Secret template, List<KubernetesObjects.Problem> problems) {}

    /** The manifests, with {@code change} applied to each file's text first. */
    private static Read read(UnaryOperator<String> change) throws IOException {
        List<HasMetadata> applied = new ArrayList<>();
        List<HasMetadata> template = new ArrayList<>();
        List<KubernetesObjects.Problem> problems = new ArrayList<>();
        manifests().forEach((file, text) -> {
            List<HasMetadata> objects =
                    KubernetesObjects.read(file, ManifestFiles.yamlDocuments(change.apply(text)), problems);
            (file.equals(SECRET_TEMPLATE) ? template : applied).addAll(objects);
        });
        Secret secret = template.stream()
                .filter(Secret.class::isInstance)
                .map(Secret.class::cast)
                .findFirst()
                .orElseThrow();
        return new Read(applied, secret, problems);
    }

    private static Read read() throws IOException {
        return read(UnaryOperator.identity());
    }

    /** Replaces {@code from}, which must occur, in the file that has it. */
    private static UnaryOperator<String> breaking(String from, String to) throws IOException {
        assertThat(manifests().values()).as("a manifest containing " + from).anyMatch(text -> text.contains(from));
        return text -> text.replace(from, to);
    }

    private static List<String> ruleProblems(Read read) {
        assertThat(read.problems()).isEmpty();
        return KubernetesRules.problems(read.applied(), read.template(), ManifestFiles.projectVersion());
    }

    @Test
    void everyManifestIsAKubernetesObjectWithOnlyKnownFields() throws IOException {
        Read read = read();

        assertThat(read.problems()).isEmpty();
        assertThat(read.applied())
                .extracting(HasMetadata::getKind)
                .contains("Namespace", "ConfigMap", "StatefulSet", "Service", "PodDisruptionBudget");
    }

    @Test
    void aMisspeltFieldIsRejected() throws IOException {
        Read read = read(breaking("terminationGracePeriodSeconds: 60", "terminationGracePeriodSecond: 60"));

        assertThat(read.problems()).anySatisfy(p -> assertThat(p.what())
                .contains("terminationGracePeriodSecond")
                .contains("spec.template.spec"));
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() throws IOException {
        Read quoted = read(breaking("containerPort: 8080", "containerPort: \"8080\""));
        Read unquoted = read(breaking("KAWAMORI_HTTP_PORT: \"8080\"", "KAWAMORI_HTTP_PORT: 8080"));

        assertThat(quoted.problems()).anySatisfy(p -> assertThat(p.toString()).contains("containerPort"));
        assertThat(unquoted.problems()).anySatisfy(p -> assertThat(p.toString()).contains("KAWAMORI_HTTP_PORT"));
    }

    @Test
    void theManifestsKeepTheProjectsRules() throws IOException {
        assertThat(ruleProblems(read())).isEmpty();
    }

    @Test
    void theRulesRejectProbesOnTheWrongPathOrPort() throws IOException {
        Read readiness = read(breaking("path: /health/ready", "path: /health"));
        Read port = read(breaking(
                "              path: /health/live\n              port: http",
                "              path: /health/live\n              port: https"));

        assertThat(ruleProblems(readiness)).anyMatch(p -> p.contains("readinessProbe asks /health, not /health/ready"));
        assertThat(ruleProblems(port)).anyMatch(p -> p.contains("is not on the container's HTTP port"));
    }

    @Test
    void theRulesRejectAnInstanceIdThatIsNotThePodsName() throws IOException {
        Read fixed = read(breaking(
                "            - name: KAWAMORI_INSTANCE_ID\n              valueFrom:\n                fieldRef:\n                  fieldPath: metadata.name",
                "            - name: KAWAMORI_INSTANCE_ID\n              value: kawamori"));

        assertThat(ruleProblems(fixed))
                .anyMatch(p -> p.contains("KAWAMORI_INSTANCE_ID is not the pod's metadata.name"));
    }

    @Test
    void theRulesRejectASettingServeDoesNotKnowAndAWrittenSecret() throws IOException {
        Read misspelt = read(breaking("  KAWAMORI_ALERT_TICK: PT30S", "  KAWAMORI_ALERT_TIK: PT30S"));
        Read written = read(breaking(
                "  KAWAMORI_ALERT_TICK: PT30S",
                "  KAWAMORI_ALERT_TICK: PT30S\n  KAWAMORI_MQTT_PASSWORD: hunter2hunter2"));

        assertThat(ruleProblems(misspelt)).anyMatch(p -> p.contains("KAWAMORI_ALERT_TIK is not a setting of serve"));
        assertThat(ruleProblems(written))
                .anyMatch(p -> p.contains("the secret KAWAMORI_MQTT_PASSWORD is in ConfigMap"));
    }

    @Test
    void theRulesRejectARootFilesystemThatIsWritableAndAGraceTooShort() throws IOException {
        Read writable = read(
                breaking(
                        "            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [\"ALL\"]\n          # HTTP",
                        "            readOnlyRootFilesystem: false\n            capabilities:\n              drop: [\"ALL\"]\n          # HTTP"));
        Read hurried = read(breaking("terminationGracePeriodSeconds: 60", "terminationGracePeriodSeconds: 20"));

        assertThat(ruleProblems(writable)).anyMatch(p -> p.contains("root filesystem is not read-only"));
        assertThat(ruleProblems(hurried)).anyMatch(p -> p.contains("terminationGracePeriodSeconds 20"));
    }

    @Test
    void theRulesRejectAMalformedOrMissingMemoryLimit() throws IOException {
        Read malformed = read(breaking("memory: 1536Mi", "memory: lots"));
        Read missing = read(breaking("            limits:\n              memory: 1536Mi\n", ""));

        assertThat(ruleProblems(malformed)).anyMatch(p -> p.contains("memory lots is not a quantity"));
        assertThat(ruleProblems(missing)).anyMatch(p -> p.contains("a memory limit"));
    }

    @Test
    void theKustomizationAppliesEveryManifestButTheSecretTemplatesAtTheProjectVersion() throws IOException {
        JsonNode kustomization =
                ManifestFiles.yamlDocument(ManifestFiles.read(ManifestFiles.K8S.resolve("kustomization.yaml")));
        Set<String> fields = new TreeSet<>();
        kustomization.fieldNames().forEachRemaining(fields::add);
        Set<String> resources = new TreeSet<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        Set<String> manifests = new TreeSet<>(manifests().keySet());
        manifests.removeIf(name -> name.endsWith(".example.yaml"));

        assertThat(KUSTOMIZATION_FIELDS).containsAll(fields);
        assertThat(kustomization.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        assertThat(kustomization.path("namespace").asText()).isEqualTo(KubernetesRules.NAMESPACE);
        assertThat(resources).isEqualTo(manifests);
        assertThat(kustomization.path("images").get(0).path("name").asText()).isEqualTo(KubernetesRules.IMAGE);
        assertThat(kustomization.path("images").get(0).path("newTag").asText())
                .isEqualTo(ManifestFiles.projectVersion());
    }

    @Test
    void theKubernetesBrokerHasTheComposeBrokersConfiguration() throws IOException {
        ConfigMap config = read().applied().stream()
                .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals("mosquitto-config"))
                .map(ConfigMap.class::cast)
                .findFirst()
                .orElseThrow();

        assertThat(config.getData().get("mosquitto.conf"))
                .isEqualTo(ManifestFiles.read(ManifestFiles.COMPOSE.resolve("mosquitto/mosquitto.conf")));
        assertThat(config.getData().get("acl"))
                .isEqualTo(ManifestFiles.read(ManifestFiles.COMPOSE.resolve("mosquitto/acl")));
    }
}
