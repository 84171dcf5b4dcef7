package org.kawamori.ingest.https;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTPS endpoint of smartphone and other gateways. Every setting has its default right here.
 *
 * @param host address to listen on
 * @param port TCP port (default {@value #DEFAULT_PORT}; 0 = any free port)
 * @param certificate PEM certificate chain and PEM private key; empty: a self-signed certificate made
 *     at start (the demo; clients must then trust it explicitly)
 * @param maxBodyBytes the largest batch accepted (default 64 KiB); larger ones get 413 unread
 * @param tokenCacheTime how long a verified gateway token is remembered, so that PBKDF2 runs once per
 *     gateway and period instead of once per batch (default 5 min)
 */
public record GatewayHttpsConfig(
        String host, int port, Optional<PemFiles> certificate, int maxBodyBytes, Duration tokenCacheTime) {

    public static final int DEFAULT_PORT = 8443;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_TOKEN_CACHE_TIME = Duration.ofMinutes(5);

    /** A PEM certificate chain and its PEM (PKCS#8) private key. */
    public record PemFiles(Path certificateChain, Path privateKey) {
        public PemFiles {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    public GatewayHttpsConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(tokenCacheTime, "tokenCacheTime");
        if (port < 0 || port > 65_535 || maxBodyBytes < 64) {
            throw new IllegalArgumentException("port must be 0..65535 and maxBodyBytes at least 64");
        }
    }

    /** Self-signed, default limits. */
    public static GatewayHttpsConfig of(String host, int port) {
        return new GatewayHttpsConfig(host, port, Optional.empty(), DEFAULT_MAX_BODY_BYTES, DEFAULT_TOKEN_CACHE_TIME);
    }

    public GatewayHttpsConfig withCertificate(PemFiles pem) {
        return new GatewayHttpsConfig(host, port, Optional.of(pem), maxBodyBytes, tokenCacheTime);
    }
}
