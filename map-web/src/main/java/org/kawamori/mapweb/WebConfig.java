package org.kawamori.mapweb;

/**
 * Where the map and its API listen.
 *
 * @param host the interface to bind, by default {@value #DEFAULT_HOST} (loopback only; put a reverse proxy
 *     in front or bind {@code 0.0.0.0} deliberately)
 * @param port the TCP port, by default {@value #DEFAULT_PORT}; {@code 0} picks any free port
 */
public record WebConfig(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public WebConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
    }

    /** {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}. */
    public static WebConfig defaults() {
        return new WebConfig(DEFAULT_HOST, DEFAULT_PORT);
    }

    /** The default host on the given port ({@code 0} = any free port). */
    public static WebConfig onPort(int port) {
        return new WebConfig(DEFAULT_HOST, port);
    }
}
