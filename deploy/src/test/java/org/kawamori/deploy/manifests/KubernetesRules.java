package org.kawamori.deploy.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the object model cannot say about deploy/k8s: the project's rules for the Kawamori
 * StatefulSet, its Services, its budget and the references between the objects.
 */
final class KubernetesRules {

    static final String NAMESPACE = "kawamori";
    static final String IMAGE = "kawamori/kawamori";
    static final long PRE_STOP_AND_DRAIN_SECONDS = 40;

    private final List<HasMetadata> objects;
    private final Secret secretTemplate;
    private final String version;
    private final List<String> problems = new ArrayList<>();

    private KubernetesRules(List<HasMetadata> objects, Secret secretTemplate, String version) {
        this.objects = objects;
        this.secretTemplate = secretTemplate;
        this.version = version;
    }

    /**
     * @param objects what kustomization.yaml applies
     * @param secretTemplate kawamori-secret.example.yaml's Secret, which the operator makes
     */
    static List<String> problems(List<HasMetadata> objects, Secret secretTemplate, String version) {
        KubernetesRules rules = new KubernetesRules(objects, secretTemplate, version);
        rules.check();
        return rules.problems;
    }

    private <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private <T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst();
    }

    private void check() {
        objects.forEach(o -> {
            String ns = o.getMetadata().getNamespace();
            if (!(o instanceof io.fabric8.kubernetes.api.model.Namespace) && !NAMESPACE.equals(ns)) {
                problems.add(id(o) + ": namespace " + ns + ", not " + NAMESPACE);
            }
        });
        secretTemplate.getStringData().forEach((key, value) -> {
            if (!value.isEmpty()) {
                problems.add("the Secret template holds a value for " + key + "; it must hold placeholders only");
            }
        });
        Optional<StatefulSet> kawamori = named(StatefulSet.class, "kawamori");
        if (kawamori.isEmpty()) {
            problems.add("no StatefulSet kawamori");
            return;
        }
        statefulSet(kawamori.get());
        workloads().forEach((name, template) -> references(name, template));
        all(Service.class).forEach(this::service);
        all(PodDisruptionBudget.class).forEach(pdb -> budget(pdb, kawamori.get()));
        if (all(PodDisruptionBudget.class).stream()
                .noneMatch(pdb -> selects(
                        pdb.getSpec().getSelector().getMatchLabels(),
                        kawamori.get().getSpec().getTemplate()))) {
            problems.add("no PodDisruptionBudget covers the Kawamori pods");
        }
    }

    private Map<String, PodTemplateSpec> workloads() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(StatefulSet.class).forEach(s -> templates.put(id(s), s.getSpec().getTemplate()));
        all(Deployment.class).forEach(d -> templates.put(id(d), d.getSpec().getTemplate()));
        return templates;
    }

    /** A StatefulSet's volume claim templates: volumes its pods get besides the template's own. */
    private Set<String> claimedVolumes(String workload) {
        Set<String> names = new TreeSet<>();
        all(StatefulSet.class).stream()
                .filter(s -> id(s).equals(workload))
                .flatMap(s -> Objects.requireNonNullElse(
                        s.getSpec().getVolumeClaimTemplates(),
                        List.<io.fabric8.kubernetes.api.model.PersistentVolumeClaim>of())
                        .stream())
                .forEach(claim -> names.add(claim.getMetadata().getName()));
        return names;
    }

    private void statefulSet(StatefulSet set) {
        String where = id(set);
        var spec = set.getSpec();
        if (spec.getReplicas() == null || spec.getReplicas() < 2) {
            problems.add(where + ": fewer than 2 replicas");
        }
        if (!"OrderedReady".equals(Objects.requireNonNullElse(spec.getPodManagementPolicy(), "OrderedReady"))) {
            problems.add(where + ": pods start in parallel; the first must migrate and set up TimescaleDB alone");
        }
        boolean headless = named(Service.class, spec.getServiceName())
                .map(s -> "None".equals(s.getSpec().getClusterIP()))
                .orElse(false);
        if (!headless) {
            problems.add(where + ": serviceName " + spec.getServiceName() + " is no headless Service here");
        }
        if (!selects(spec.getSelector().getMatchLabels(), spec.getTemplate())) {
            problems.add(where + ": the selector does not select the pod template");
        }
        PodSpec pod = spec.getTemplate().getSpec();
        Optional<Container> found = pod.getContainers().stream()
                .filter(c -> c.getName().equals("kawamori"))
                .findFirst();
        if (found.isEmpty()) {
            problems.add(where + ": no container kawamori");
            return;
        }
        Container c = found.get();
        String image = IMAGE + ":" + version;
        if (!image.equals(c.getImage())) {
            problems.add(where + ": image " + c.getImage() + ", expected " + image + " (the project's version)");
        }
        if (!List.of("serve").equals(c.getArgs())
                || (c.getCommand() != null && !c.getCommand().isEmpty())) {
            problems.add(where + ": the container does not run the image's entrypoint with serve (args " + c.getArgs()
                    + ")");
        }
        environment(where, c);
        probes(where, c);
        security(where, pod, c);
        if (c.getResources() == null
                || quantity(where, c.getResources().getRequests(), "cpu").isEmpty()
                || quantity(where, c.getResources().getRequests(), "memory").isEmpty()
                || quantity(where, c.getResources().getLimits(), "memory").isEmpty()) {
            problems.add(where + ": resources need requests (cpu, memory) and a memory limit");
        }
        long grace = Objects.requireNonNullElse(pod.getTerminationGracePeriodSeconds(), 30L);
        if (grace < PRE_STOP_AND_DRAIN_SECONDS) {
            problems.add(where + ": terminationGracePeriodSeconds " + grace + " < " + PRE_STOP_AND_DRAIN_SECONDS);
        }
        var preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
        long pause = preStop == null || preStop.getSleep() == null
                ? 0
                : preStop.getSleep().getSeconds();
        if (pause <= 0) {
            problems.add(where + ": no preStop pause to let the endpoints drain");
        } else if (pause + 30 > grace) {
            problems.add(
                    where + ": preStop pause " + pause + " s leaves less than 30 s of the grace period for the drain");
        }
        if (!Boolean.FALSE.equals(pod.getEnableServiceLinks())) {
            problems.add(where + ": enableServiceLinks is not false: Services would add KAWAMORI_*_PORT variables");
        }
    }

    /** The effective environment: envFrom ConfigMaps first, then env. */
    private void environment(String where, Container c) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        for (EnvFromSource from : Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
            if (from.getConfigMapRef() == null) {
                problems.add(where + ": envFrom other than a ConfigMap");
                continue;
            }
            Optional<ConfigMap> map =
                    named(ConfigMap.class, from.getConfigMapRef().getName());
            if (map.isEmpty()) {
                problems.add(
                        where + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " is not here");
                continue;
            }
            map.get().getData().forEach((key, value) -> {
                if (ServeConfiguration.isSecret(key)) {
                    problems.add(where + ": the secret " + key + " is in ConfigMap "
                            + map.get().getMetadata().getName());
                }
                env.put(key, new EnvVar(key, value, null));
            });
        }
        for (EnvVar variable : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
            env.put(variable.getName(), variable);
            if (ServeConfiguration.isSecret(variable.getName()) && variable.getValue() != null) {
                problems.add(where + ": the secret " + variable.getName() + " is written into the manifest");
            }
            var secretRef = variable.getValueFrom() == null
                    ? null
                    : variable.getValueFrom().getSecretKeyRef();
            if (secretRef != null
                    && secretRef.getName().equals(secretTemplate.getMetadata().getName())
                    && !secretTemplate.getStringData().containsKey(secretRef.getKey())) {
                problems.add(where + ": " + variable.getName() + " takes key " + secretRef.getKey()
                        + ", which the Secret template does not have");
            }
        }
        env.keySet().stream()
                .filter(name -> !ServeConfiguration.NAMES.contains(name))
                .forEach(name -> problems.add(where + ": " + name + " is not a setting of serve"));
        ServeConfiguration.REQUIRED.stream()
                .filter(setting -> !ServeConfiguration.given(setting, env.keySet()))
                .forEach(setting -> problems.add(where + ": " + setting + " is not set"));
        EnvVar id = env.get("KAWAMORI_INSTANCE_ID");
        boolean fromPodName = id != null
                && id.getValueFrom() != null
                && id.getValueFrom().getFieldRef() != null
                && "metadata.name".equals(id.getValueFrom().getFieldRef().getFieldPath());
        if (!fromPodName) {
            problems.add(where + ": KAWAMORI_INSTANCE_ID is not the pod's metadata.name (downward API)");
        }
        EnvVar group = env.get("KAWAMORI_MQTT_SHARED_GROUP");
        if (group == null || group.getValue() == null || group.getValue().isBlank()) {
            problems.add(where + ": no KAWAMORI_MQTT_SHARED_GROUP: the replicas would each get every message");
        }
        String httpPort = Optional.ofNullable(env.get("KAWAMORI_HTTP_PORT"))
                .map(EnvVar::getValue)
                .orElse("8080");
        Optional<ContainerPort> http = port(c, "http");
        if (http.isEmpty() || !String.valueOf(http.get().getContainerPort()).equals(httpPort)) {
            problems.add(where + ": the container port http is not KAWAMORI_HTTP_PORT " + httpPort);
        }
        // a *_FILE setting names a file of a mounted Secret
        env.forEach((name, variable) -> {
            if (name.endsWith("_FILE")
                    && variable.getValue() != null
                    && !inSecretVolume(c, variable.getValue(), where)) {
                problems.add(where + ": " + name + " " + variable.getValue() + " is no file of a mounted Secret");
            }
        });
    }

    private boolean inSecretVolume(Container c, String file, String where) {
        PodSpec pod = named(StatefulSet.class, "kawamori")
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getSpec();
        for (VolumeMount mount : c.getVolumeMounts()) {
            String prefix = mount.getMountPath().endsWith("/") ? mount.getMountPath() : mount.getMountPath() + "/";
            if (!file.startsWith(prefix)) {
                continue;
            }
            String relative = file.substring(prefix.length());
            Optional<Volume> volume = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst();
            if (volume.isPresent() && volume.get().getSecret() != null) {
                var items = volume.get().getSecret().getItems();
                return items == null
                        || items.isEmpty()
                        || items.stream().anyMatch(i -> i.getPath().equals(relative));
            }
        }
        return false;
    }

    private void probes(String where, Container c) {
        probe(where, "startupProbe", c.getStartupProbe(), c, "/health/live", "/health/ready");
        probe(where, "livenessProbe", c.getLivenessProbe(), c, "/health/live");
        probe(where, "readinessProbe", c.getReadinessProbe(), c, "/health/ready");
    }

    private void probe(String where, String name, Probe probe, Container c, String... paths) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null) {
            problems.add(where + ": no " + name + " with httpGet");
            return;
        }
        if (!List.of(paths).contains(get.getPath())) {
            problems.add(where + ": " + name + " asks " + get.getPath() + ", not " + String.join(" or ", paths));
        }
        Optional<ContainerPort> port = resolve(c, get.getPort());
        if (port.isEmpty() || !"http".equals(port.get().getName())) {
            problems.add(where + ": " + name + " is not on the container's HTTP port (" + get.getPort() + ")");
        }
    }

    private void security(String where, PodSpec pod, Container c) {
        PodSecurityContext podContext = Objects.requireNonNullElse(pod.getSecurityContext(), new PodSecurityContext());
        SecurityContext context = Objects.requireNonNullElse(c.getSecurityContext(), new SecurityContext());
        boolean nonRoot = Boolean.TRUE.equals(context.getRunAsNonRoot())
                || (context.getRunAsNonRoot() == null && Boolean.TRUE.equals(podContext.getRunAsNonRoot()));
        if (!nonRoot) {
            problems.add(where + ": runAsNonRoot is not true");
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            problems.add(where + ": the root filesystem is not read-only");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (context.getCapabilities() == null
                || !context.getCapabilities().getDrop().contains("ALL")) {
            problems.add(where + ": capabilities are not all dropped");
        }
        boolean tmp = c.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .anyMatch(m -> pod.getVolumes().stream()
                        .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
        if (!tmp) {
            problems.add(where + ": no emptyDir on /tmp (read-only root; Vert.x and the JVM write there)");
        }
    }

    /** Every mount has its volume, every referenced ConfigMap exists, every port is named once. */
    private void references(String where, PodTemplateSpec template) {
        PodSpec pod = template.getSpec();
        Set<String> volumes = claimedVolumes(where);
        for (Volume volume : pod.getVolumes()) {
            volumes.add(volume.getName());
            if (volume.getConfigMap() != null
                    && named(ConfigMap.class, volume.getConfigMap().getName()).isEmpty()) {
                problems.add(where + ": volume " + volume.getName() + " takes ConfigMap "
                        + volume.getConfigMap().getName() + ", which is not here");
            }
        }
        for (Container c : pod.getContainers()) {
            for (VolumeMount mount : c.getVolumeMounts()) {
                if (!volumes.contains(mount.getName())) {
                    problems.add(where + ": container " + c.getName() + " mounts " + mount.getName()
                            + ", which is no volume");
                }
            }
        }
    }

    private void service(Service service) {
        String where = id(service);
        Map<String, String> selector = service.getSpec().getSelector();
        List<PodTemplateSpec> selected =
                workloads().values().stream().filter(t -> selects(selector, t)).toList();
        if (selected.isEmpty()) {
            problems.add(where + ": the selector " + selector + " selects no pods");
            return;
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            for (PodTemplateSpec template : selected) {
                boolean found = template.getSpec().getContainers().stream()
                        .map(c -> resolve(c, port.getTargetPort()))
                        .flatMap(Optional::stream)
                        .anyMatch(p -> Objects.requireNonNullElse(p.getProtocol(), "TCP")
                                .equals(Objects.requireNonNullElse(port.getProtocol(), "TCP")));
                if (!found) {
                    problems.add(where + ": port " + port.getName() + " targets " + port.getTargetPort() + " ("
                            + port.getProtocol() + "), which no selected container has");
                }
            }
        }
    }

    private void budget(PodDisruptionBudget pdb, StatefulSet kawamori) {
        if (!selects(
                pdb.getSpec().getSelector().getMatchLabels(), kawamori.getSpec().getTemplate())) {
            return;
        }
        IntOrString min = pdb.getSpec().getMinAvailable();
        if (min == null
                || min.getIntVal() == null
                || min.getIntVal() < 1
                || min.getIntVal() >= kawamori.getSpec().getReplicas()) {
            problems.add(id(pdb) + ": minAvailable must be at least 1 and below the replicas");
        }
    }

    private static boolean selects(Map<String, String> selector, PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata().getLabels();
        return selector != null
                && !selector.isEmpty()
                && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static Optional<ContainerPort> port(Container c, String name) {
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst();
    }

    private static Optional<ContainerPort> resolve(Container c, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        Function<ContainerPort, Boolean> matches = port.getStrVal() != null
                ? p -> port.getStrVal().equals(p.getName())
                : p -> port.getIntVal().equals(p.getContainerPort());
        return c.getPorts().stream().filter(matches::apply).findFirst();
    }

    /** The quantity, if it is there and is one (the model takes any text). */
    private Optional<Quantity> quantity(String where, Map<String, Quantity> values, String name) {
        if (values == null || values.get(name) == null) {
            return Optional.empty();
        }
        Quantity quantity = values.get(name);
        try {
            Quantity.getAmountInBytes(quantity);
            return Optional.of(quantity);
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(where + ": " + name + " " + quantity + " is not a quantity");
            return Optional.empty();
        }
    }

    private static String id(HasMetadata o) {
        return o.getKind() + " " + o.getMetadata().getName();
    }
}
