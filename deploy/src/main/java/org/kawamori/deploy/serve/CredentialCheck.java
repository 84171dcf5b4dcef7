package org.kawamori.deploy.serve;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code serve} accepts as a secret: set, at least {@value #MINIMUM_LENGTH} characters, and none
 * of the well-known defaults that images, tutorials and this project's demo use. The answer names the
 * setting and never the value.
 */
final class CredentialCheck {

    static final int MINIMUM_LENGTH = 12;

    /** Defaults of PostgreSQL images, brokers, dashboards, tutorials, and the demo's own. */
    private static final Set<String> WELL_KNOWN = Set.of(
            "postgres",
            "password",
            "passw0rd",
            "changeme",
            "change-me",
            "changeit",
            "admin",
            "administrator",
            "secret",
            "public",
            "guest",
            "root",
            "test",
            "timescale",
            "timescaledb",
            "mosquitto",
            "emqx",
            "hivemq",
            "kawamori",
            "demo",
            "demo-secret",
            "12345678",
            "123456789012",
            "password1234",
            "replace-me",
            "replaceme");

    private CredentialCheck() {}

    /** Why {@code value} of {@code setting} is refused; empty when it is acceptable. */
    static Optional<String> problem(String setting, Optional<String> value) {
        if (value.isEmpty()) {
            return Optional.of(setting + " is not set (or " + setting + "_FILE naming a file that holds it)");
        }
        String v = value.get();
        String lower = v.toLowerCase(Locale.ROOT);
        if (WELL_KNOWN.contains(lower) || lower.startsWith("<") || lower.contains("placeholder")) {
            return Optional.of(setting + " is a well-known default or a placeholder: set a secret of your own");
        }
        if (v.length() < MINIMUM_LENGTH) {
            return Optional.of(setting + " is shorter than " + MINIMUM_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
