package org.kawamori.ingest.coap;

import java.time.Duration;

/**
 * Where the CoAP endpoint listens.
 *
 * @param host bind address (default {@value #DEFAULT_HOST}; camel-coap would bind every interface)
 * @param port UDP port (default {@value #DEFAULT_PORT}; 0 = any free port)
 * @param commitTimeout how long a request may wait for its commit before it is answered 5.03
 *     (default 20 s, below the client's CoAP exchange lifetime)
 */
public record CoapIngestConfig(String host, int port, Duration commitTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5683;
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofSeconds(20);

    public static CoapIngestConfig of(String host, int port) {
        return new CoapIngestConfig(host, port, DEFAULT_COMMIT_TIMEOUT);
    }
}
