package org.kawamori.deploy;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The database user and password kept apart from the JDBC URL ({@code KAWAMORI_DB_USER},
 * {@code KAWAMORI_DB_PASSWORD} or {@code KAWAMORI_DB_PASSWORD_FILE}), merged into it for the driver, so
 * that serve and the command-line tools read the same deployment's secrets.
 */
public final class DatabaseCredentials {

    /** The database user, unless the URL names it ({@code ?user=}). */
    public static final String USER = "KAWAMORI_DB_USER";

    /** The database password, unless the URL holds it. */
    public static final String PASSWORD = "KAWAMORI_DB_PASSWORD";

    private DatabaseCredentials() {}

    /** {@code url} with the user and password of {@code env} added where the URL has none. */
    public static String merged(String url, AppSettings env) {
        String merged = url;
        Optional<String> user = env.get(USER);
        if (user.isPresent() && parameter(url, "user").isEmpty()) {
            merged = withParameter(merged, "user", user.get());
        }
        Optional<String> password = env.get(PASSWORD);
        if (password.isPresent() && parameter(url, "password").isEmpty()) {
            merged = withParameter(merged, "password", password.get());
        }
        return merged;
    }

    /** A query parameter of a JDBC URL, decoded; empty when absent or empty. */
    public static Optional<String> parameter(String url, String name) {
        int question = url.indexOf('?');
        if (question < 0) {
            return Optional.empty();
        }
        for (String p : url.substring(question + 1).split("&")) {
            if (p.startsWith(name + "=")) {
                String value = URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8);
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String withParameter(String url, String name, String value) {
        return url + (url.indexOf('?') < 0 ? "?" : "&") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
