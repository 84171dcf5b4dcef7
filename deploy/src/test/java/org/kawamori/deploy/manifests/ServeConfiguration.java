package org.kawamori.deploy.manifests;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.kawamori.deploy.AppSettings;
import org.kawamori.deploy.serve.ServeSettings;

/**
 * The environment that {@code serve} reads (deploy/CONFIGURATION.md), taken from its settings classes. A name
 * the deployment files set that is not here is a misspelling, or a setting serve does not know.
 */
final class ServeConfiguration {

    /** Settings that may also be given as {@code <NAME>_FILE}, the path of a file holding the value. */
    static final Set<String> FILE_SETTINGS =
            Set.of("KAWAMORI_DB_PASSWORD", "KAWAMORI_MQTT_PASSWORD", "KAWAMORI_PSK_MASTER_KEY", "KAWAMORI_ADMIN_TOKEN");

    /**
     * Every KAWAMORI_* key that {@link ServeSettings} and {@link AppSettings} declare, with the
     * {@code _FILE} form of each (any of them may come from a file), the logging switches of
     * logback.xml, and the JVM's own options variable.
     */
    static final Set<String> NAMES = names();

    private static Set<String> names() {
        Set<String> names = new TreeSet<>(Set.of("KAWAMORI_LOG_FORMAT", "KAWAMORI_LOG_LEVEL", "JAVA_TOOL_OPTIONS"));
        for (Class<?> settings : List.of(ServeSettings.class, AppSettings.class)) {
            for (Field field : settings.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        String value = (String) field.get(null);
                        if (value.startsWith("KAWAMORI_")) {
                            names.add(value);
                            names.add(value + AppSettings.FILE_SUFFIX);
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return Set.copyOf(names);
    }

    /** What serve cannot start without (a password either itself or as a file). */
    static final Set<String> REQUIRED = Set.of(
            "KAWAMORI_DB_URL",
            "KAWAMORI_DB_PASSWORD",
            "KAWAMORI_MQTT_URL",
            "KAWAMORI_MQTT_PASSWORD",
            "KAWAMORI_HTTPS_CERT",
            "KAWAMORI_HTTPS_KEY");

    /** Names whose value is a secret (their {@code _FILE} form holds only a path). */
    static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|MASTER_KEY)(_HASH)?");

    private ServeConfiguration() {}

    static boolean isSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /** Whether {@code present} holds the setting itself or its file form. */
    static boolean given(String setting, Set<String> present) {
        return present.contains(setting) || (FILE_SETTINGS.contains(setting) && present.contains(setting + "_FILE"));
    }
}
