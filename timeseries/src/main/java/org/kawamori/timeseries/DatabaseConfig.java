package org.kawamori.timeseries;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the PostgreSQL database that holds Kawamori's tables.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/kawamori}; user and password are kept
 *     apart from it (see {@link #fromJdbcUrl})
 * @param user database user, or null to let the driver decide (it takes the OS user)
 * @param password its password, or null for none (trust authentication); never printed
 * @param maximumPoolSize connections the pool keeps at most (default {@value #DEFAULT_MAXIMUM_POOL_SIZE})
 * @param schema the schema the tables live in, created by the first migration (default {@value
 *     #DEFAULT_SCHEMA}: an own schema, so that Kawamori can share a database with other
 *     applications; {@code public} stays on the search path for extensions such as TimescaleDB)
 * @param connectionTimeout how long a caller waits for a connection before the store reports itself
 *     unavailable (default 5 s)
 */
public record DatabaseConfig(
        String jdbcUrl, String user, String password, int maximumPoolSize, String schema, Duration connectionTimeout) {

    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 8;
    public static final String DEFAULT_SCHEMA = "kawamori";
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** A plain lower-case SQL identifier: it is passed to the driver and to Flyway, never quoted by us. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final Duration SHORTEST_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + maskPassword(jdbcUrl));
        }
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("maximumPoolSize must be at least 1: " + maximumPoolSize);
        }
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier: " + schema);
        }
        if (connectionTimeout.compareTo(SHORTEST_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms: " + connectionTimeout);
        }
    }

    /** A configuration with the defaults for everything but the address and the login. */
    public static DatabaseConfig of(String jdbcUrl, String user, String password) {
        return new DatabaseConfig(
                jdbcUrl, user, password, DEFAULT_MAXIMUM_POOL_SIZE, DEFAULT_SCHEMA, DEFAULT_CONNECTION_TIMEOUT);
    }

    /**
     * A configuration from a JDBC URL that may carry the login as {@code user} and {@code password}
     * parameters (as {@code --db-url} does): they are taken out of the URL into their own fields, so
     * the URL can be printed. Other parameters stay in the URL.
     */
    public static DatabaseConfig fromJdbcUrl(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        int question = jdbcUrl.indexOf('?');
        if (question < 0) {
            return of(jdbcUrl, null, null);
        }
        String user = null;
        String password = null;
        List<String> kept = new ArrayList<>();
        for (String parameter : jdbcUrl.substring(question + 1).split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                default -> kept.add(parameter);
            }
        }
        String base = jdbcUrl.substring(0, question);
        return of(kept.isEmpty() ? base : base + "?" + String.join("&", kept), user, password);
    }

    public DatabaseConfig withMaximumPoolSize(int size) {
        return new DatabaseConfig(jdbcUrl, user, password, size, schema, connectionTimeout);
    }

    public DatabaseConfig withSchema(String name) {
        return new DatabaseConfig(jdbcUrl, user, password, maximumPoolSize, name, connectionTimeout);
    }

    public DatabaseConfig withConnectionTimeout(Duration timeout) {
        return new DatabaseConfig(jdbcUrl, user, password, maximumPoolSize, schema, timeout);
    }

    /** The JDBC URL with any password in it masked, for logs and banners. */
    public String maskedUrl() {
        return maskPassword(jdbcUrl);
    }

    static String maskPassword(String text) {
        return text.replaceAll("(?i)(password=)[^&;\\s]*", "$1****").replaceAll("(//[^:/@\\s]+:)[^@/\\s]*@", "$1****@");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + maskedUrl() + ", user " + (user == null ? "-" : user) + ", password "
                + (password == null ? "-" : "****") + ", pool " + maximumPoolSize + ", schema " + schema
                + ", connectionTimeout " + connectionTimeout + "]";
    }
}
