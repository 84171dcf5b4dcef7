package org.kawamori.ingest.broker;

import java.nio.file.Path;

/**
 * The embedded MQTT broker of the demo (HiveMQ Community Edition).
 *
 * @param host bind address (default {@value #DEFAULT_HOST})
 * @param port TCP port (default {@value #DEFAULT_PORT})
 * @param dataDirectory where the broker keeps sessions and queued messages across restarts
 * @param maxQueuedMessages per-client queue of QoS 1 messages while the client is away; HiveMQ drops
 *     silently beyond it, so the default ({@value #DEFAULT_MAX_QUEUED_MESSAGES}) is generous
 */
public record EmbeddedBrokerConfig(String host, int port, Path dataDirectory, long maxQueuedMessages) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 1883;
    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 1_000_000;

    public static EmbeddedBrokerConfig of(String host, int port, Path dataDirectory) {
        return new EmbeddedBrokerConfig(host, port, dataDirectory, DEFAULT_MAX_QUEUED_MESSAGES);
    }
}
