package org.kawamori.deploy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.kawamori.timeseries.DatabaseConfig;

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
        if (user.isPresent() && user(url).isEmpty()) {
            merged = withParameter(merged, "user", user.get());
        }
        Optional<String> password = env.get(PASSWORD);
        if (password.isPresent() && password(url).isEmpty()) {
            merged = withParameter(merged, "password", password.get());
        }
        return merged;
    }

    /** The user a PostgreSQL JDBC URL names ({@code ?user=}), as the app's pool reads it. */
    public static Optional<String> user(String url) {
        return parsed(url).map(DatabaseConfig::user).filter(u -> !u.isEmpty());
    }

    /** The password a PostgreSQL JDBC URL holds ({@code ?password=}). */
    public static Optional<String> password(String url) {
        return parsed(url).map(DatabaseConfig::password).filter(p -> !p.isEmpty());
    }

    private static Optional<DatabaseConfig> parsed(String url) {
        return url.startsWith("jdbc:postgresql:") ? Optional.of(DatabaseConfig.fromJdbcUrl(url)) : Optional.empty();
    }

    private static String withParameter(String url, String name, String value) {
        return url + (url.indexOf('?') < 0 ? "?" : "&") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
