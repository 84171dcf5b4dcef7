package org.kawamori.deploy.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's rules for Mosquitto's {@code mosquitto.conf} and {@code acl} (deploy/compose/mosquitto,
 * also the ConfigMap of deploy/k8s/mosquitto.yaml). Whether Mosquitto itself accepts them is
 * {@code MosquittoConfigTest}'s real broker's business.
 */
final class MosquittoRules {

    /** Mosquitto's default, which silently drops QoS 1 messages for a persistent session past it. */
    static final int DEFAULT_MAX_QUEUED = 1_000;

    /**
     * The messages Kawamori's ingest holds in flight (ingest's {@code MqttIngestConfig.DEFAULT_MAX_IN_FLIGHT});
     * a smaller broker window would be the bound instead.
     */
    static final int KAWAMORI_IN_FLIGHT = 1_000;

    static final String CONFIG_DIRECTORY = "/mosquitto/config/";

    private MosquittoRules() {}

    /** The options of a mosquitto.conf, each with its values in order; comments and blank lines dropped. */
    static Map<String, List<String>> options(String conf) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String line : conf.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            String[] parts = stripped.split("\\s+", 2);
            options.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts.length > 1 ? parts[1] : "");
        }
        return options;
    }

    static List<String> problems(String conf, String acl) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> options = options(conf);
        if (!options.getOrDefault("listener", List.of()).contains("1883")) {
            problems.add("no listener 1883");
        }
        if (!single(options, "allow_anonymous").equals("false")) {
            problems.add("allow_anonymous is not false: a client without an account could connect");
        }
        if (!single(options, "persistence").equals("true")) {
            problems.add("persistence is not true: persistent sessions and their queues would not survive a restart");
        }
        if (single(options, "persistence_location").isEmpty()) {
            problems.add("no persistence_location (the data volume)");
        }
        int queued = integer(options, "max_queued_messages", DEFAULT_MAX_QUEUED, problems);
        if (queued <= DEFAULT_MAX_QUEUED) {
            problems.add("max_queued_messages is " + queued + ": past " + DEFAULT_MAX_QUEUED
                    + " queued QoS 1 messages Mosquitto drops the rest for a slow or offline session");
        }
        int inflight = integer(options, "max_inflight_messages", 20, problems);
        if (inflight != 0 && inflight < KAWAMORI_IN_FLIGHT) {
            problems.add("max_inflight_messages is " + inflight
                    + ", below the messages Kawamori's ingest holds in flight " + KAWAMORI_IN_FLIGHT);
        }
        for (String file : List.of("password_file", "acl_file")) {
            String path = single(options, file);
            if (!path.startsWith(CONFIG_DIRECTORY)) {
                problems.add(file + " is " + (path.isEmpty() ? "not set" : path) + ", not in " + CONFIG_DIRECTORY);
            }
        }
        problems.addAll(aclProblems(acl));
        return problems;
    }

    /** The service account reads all of kawamori/#; no rights for anonymous clients; patterns only write. */
    static List<String> aclProblems(String acl) {
        List<String> problems = new ArrayList<>();
        String user = null;
        boolean serviceReads = false;
        for (String line : acl.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            String[] parts = stripped.split("\\s+");
            switch (parts[0]) {
                case "user" -> user = parts.length > 1 ? parts[1] : "";
                case "topic" -> {
                    if (user == null) {
                        problems.add(
                                "acl: a topic right before any user line applies to anonymous clients: " + stripped);
                    }
                    boolean reads = parts.length == 3 && (parts[1].equals("read") || parts[1].equals("readwrite"));
                    if ("kawamori".equals(user) && reads && parts[2].equals("kawamori/#")) {
                        serviceReads = true;
                    }
                }
                case "pattern" -> {
                    if (parts.length != 3 || !parts[1].equals("write") || !parts[2].contains("%u")) {
                        problems.add("acl: a pattern that is not one device writing its own topic: " + stripped);
                    }
                }
                default -> problems.add("acl: not an ACL line: " + stripped);
            }
        }
        if (!serviceReads) {
            problems.add("acl: the service account kawamori cannot read kawamori/#");
        }
        return problems;
    }

    private static String single(Map<String, List<String>> options, String name) {
        List<String> values = options.getOrDefault(name, List.of());
        return values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    private static int integer(Map<String, List<String>> options, String name, int fallback, List<String> problems) {
        String value = single(options, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            problems.add(name + " is not a number: " + value);
            return fallback;
        }
    }
}
