package org.kawamori.core.access;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The form of a login: 1–64 characters of letters, digits and {@code . _ @ : -}, starting with a letter
 * or digit. Safe in logs and audit entries; {@code link:} is reserved for family-link sessions.
 */
public final class Logins {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}");

    private Logins() {}

    public static String check(String login) {
        Objects.requireNonNull(login, "login");
        if (!FORM.matcher(login).matches()) {
            throw new IllegalArgumentException(
                    "a login is 1-64 letters, digits or . _ @ : - and starts with a letter or digit");
        }
        return login;
    }

    public static boolean valid(String login) {
        return login != null && FORM.matcher(login).matches();
    }
}
