package org.kawamori.ingest.mqtt;

import java.net.URI;
import java.util.Locale;

/**
 * A broker URL as the configuration gives it: {@code tcp://host:1883} (also {@code mqtt://}),
 * {@code ssl://host:8883} (also {@code mqtts://}), {@code ws://host:80/mqtt} or {@code wss://host:443/mqtt}.
 *
 * @param host the broker's host name or address
 * @param port its port; the scheme's default when the URL names none
 * @param tls whether the connection is TLS (the JVM's default trust store checks the broker)
 * @param webSocketPath the WebSocket path for {@code ws://} and {@code wss://}, empty for plain MQTT
 */
record BrokerUrl(String host, int port, boolean tls, String webSocketPath) {

    boolean webSocket() {
        return !webSocketPath.isEmpty();
    }

    static BrokerUrl parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a broker URL: " + url, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("a broker URL needs a scheme and a host (tcp://host:1883): " + url);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/mqtt" : uri.getRawPath();
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "tcp", "mqtt" -> new BrokerUrl(uri.getHost(), portOr(uri, 1883), false, "");
            case "ssl", "mqtts" -> new BrokerUrl(uri.getHost(), portOr(uri, 8883), true, "");
            case "ws" -> new BrokerUrl(uri.getHost(), portOr(uri, 80), false, path);
            case "wss" -> new BrokerUrl(uri.getHost(), portOr(uri, 443), true, path);
            default ->
                throw new IllegalArgumentException(
                        "the broker URL must start with tcp://, ssl://, ws:// or wss://: " + url);
        };
    }

    private static int portOr(URI uri, int standard) {
        return uri.getPort() < 0 ? standard : uri.getPort();
    }
}
