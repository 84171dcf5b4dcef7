package org.kawamori.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.kawamori.ingest.https.GatewayHttpsConfig;
import org.kawamori.mapweb.AccessConfig;

/**
 * Settings that are not command-line options: given explicitly (tests, a wrapper), else read from the
 * environment. Each key has its default next to it.
 */
public final class AppSettings {

    /** A properties file of notification settings (see deploy's README and the notify module's). */
    public static final String NOTIFY_CONFIG = "KAWAMORI_NOTIFY_CONFIG";

    /** A properties file of alert settings laid over the shipped defaults (see alerting's README). */
    public static final String ALERT_SETTINGS = "KAWAMORI_ALERT_SETTINGS";

    /** How often the alert clock runs (欠測, reminders, not seen), ISO-8601; default 30 s. */
    public static final String ALERT_TICK = "KAWAMORI_ALERT_TICK";

    public static final Duration DEFAULT_ALERT_TICK = Duration.ofSeconds(30);

    /** {@code true} marks the session cookie Secure (set it when the map is served over HTTPS); default false. */
    public static final String SECURE_COOKIE = "KAWAMORI_SECURE_COOKIE";

    /** How long an officer's session lasts, ISO-8601; default 12 h (a night without logging in again). */
    public static final String OFFICER_SESSION = "KAWAMORI_OFFICER_SESSION";

    /** How long a guardian's session lasts, ISO-8601; default 30 days. */
    public static final String FAMILY_SESSION = "KAWAMORI_FAMILY_SESSION";

    /** How long an administrator's session lasts, ISO-8601; default 1 h. */
    public static final String ADMIN_SESSION = "KAWAMORI_ADMIN_SESSION";

    /** PEM certificate chain of the gateway HTTPS endpoint; without it a self-signed one is made (demo). */
    public static final String HTTPS_CERT = "KAWAMORI_HTTPS_CERT";

    /** PEM (PKCS#8) private key of {@value #HTTPS_CERT}. */
    public static final String HTTPS_KEY = "KAWAMORI_HTTPS_KEY";

    /**
     * How long a stopping instance reports itself not ready before it stops taking messages and
     * requests, ISO-8601; default 0 (Kubernetes: a preStop pause does the same).
     */
    public static final String SHUTDOWN_GRACE = "KAWAMORI_SHUTDOWN_GRACE";

    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ZERO;

    /** A setting {@code X} may instead be given as a file named by {@code X_FILE} (secrets). */
    public static final String FILE_SUFFIX = "_FILE";

    private final Map<String, String> given;
    private final Function<String, String> environment;

    private AppSettings(Map<String, String> given, Function<String, String> environment) {
        this.given = Map.copyOf(given);
        this.environment = environment;
    }

    public static AppSettings fromEnvironment() {
        return new AppSettings(Map.of(), System::getenv);
    }

    /** Values looked up in {@code environment} (a command's view of the environment, tests). */
    public static AppSettings reading(Function<String, String> environment) {
        return new AppSettings(Map.of(), environment);
    }

    /** Only these values; the environment is not read (tests). */
    public static AppSettings of(Map<String, String> values) {
        return new AppSettings(values, key -> null);
    }

    /**
     * The value of {@code key}; when it is not set, the content of the file that {@code key_FILE}
     * names (Docker and Kubernetes secrets are mounted as files), stripped of surrounding white space.
     */
    public Optional<String> get(String key) {
        Optional<String> value = raw(key);
        if (value.isPresent()) {
            return value;
        }
        return raw(key + FILE_SUFFIX).map(file -> {
            try {
                String content =
                        Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                return content.isEmpty() ? null : content;
            } catch (IOException e) {
                throw new StartupException("cannot read " + key + FILE_SUFFIX + " (" + file + "): " + e.getMessage());
            }
        });
    }

    private Optional<String> raw(String key) {
        String value = given.containsKey(key) ? given.get(key) : environment.apply(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** As a lookup function, e.g. for {@code AdminWiring}. */
    public Function<String, String> lookup() {
        return key -> get(key).orElse(null);
    }

    /** The gateway endpoint's certificate and key, when both are set; one without the other is an error. */
    public Optional<GatewayHttpsConfig.PemFiles> httpsCertificate() {
        Optional<String> cert = get(HTTPS_CERT);
        Optional<String> key = get(HTTPS_KEY);
        if (cert.isPresent() != key.isPresent()) {
            throw new StartupException("set both " + HTTPS_CERT + " and " + HTTPS_KEY + ", or neither");
        }
        return cert.map(c -> new GatewayHttpsConfig.PemFiles(Path.of(c), Path.of(key.get())));
    }

    public Duration shutdownGrace() {
        return duration(SHUTDOWN_GRACE, DEFAULT_SHUTDOWN_GRACE);
    }

    public Duration alertTick() {
        return get(ALERT_TICK).map(Duration::parse).orElse(DEFAULT_ALERT_TICK);
    }

    /** The login settings: {@value #SECURE_COOKIE}, the sessions' lifetimes; the rest at their defaults. */
    public AccessConfig access() {
        AccessConfig defaults = AccessConfig.defaults();
        String secure = get(SECURE_COOKIE).orElse("false");
        if (!secure.equals("true") && !secure.equals("false")) {
            throw new StartupException(SECURE_COOKIE + " must be true or false");
        }
        return new AccessConfig(
                duration(OFFICER_SESSION, defaults.officerSession()),
                duration(FAMILY_SESSION, defaults.familySession()),
                duration(ADMIN_SESSION, defaults.adminSession()),
                secure.equals("true"),
                defaults.maxFailures(),
                defaults.failureWindow());
    }

    private Duration duration(String key, Duration fallback) {
        Optional<String> text = get(key);
        try {
            return text.map(Duration::parse).orElse(fallback);
        } catch (java.time.format.DateTimeParseException e) {
            throw new StartupException(key + " must be an ISO-8601 duration such as PT12H or P30D");
        }
    }

    /**
     * The notification settings: the file {@value #NOTIFY_CONFIG} names, with any {@code notify.*}
     * value given explicitly laid over it.
     */
    public Map<String, String> notifyValues() {
        Map<String, String> values =
                new HashMap<>(get(NOTIFY_CONFIG).map(AppSettings::load).orElse(Map.of()));
        given.forEach((key, value) -> {
            if (key.startsWith("notify.")) {
                values.put(key, value);
            }
        });
        return values;
    }

    /** The keys of the alert settings file {@value #ALERT_SETTINGS} names; none when it names no file. */
    public Map<String, String> alertSettings() {
        return get(ALERT_SETTINGS).map(AppSettings::load).orElse(Map.of());
    }

    private static Map<String, String> load(String file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StartupException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }

    @Override
    public String toString() {
        return "AppSettings[" + given.keySet() + " given]"; // values may be secrets
    }
}
