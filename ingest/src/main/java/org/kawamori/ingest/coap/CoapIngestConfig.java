package org.kawamori.ingest.coap;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where the CoAP endpoints listen.
 *
 * @param host bind address of both endpoints (default {@value #DEFAULT_HOST}; camel-coap would bind
 *     every interface)
 * @param port UDP port of plain CoAP (default {@value #DEFAULT_PORT}; 0 = any free port)
 * @param commitTimeout how long a request may wait for its commit before it is answered 5.03
 *     (default 20 s, below the client's CoAP exchange lifetime)
 * @param dtlsPort UDP port of CoAP over DTLS 1.2 with a pre-shared key per device (default
 *     {@value #DEFAULT_DTLS_PORT}; 0 = any free port; empty = no DTLS endpoint). The endpoint only
 *     runs when the server is also given the devices' keys.
 * @param dtlsLimits what the DTLS endpoint allows peers to cost it (default {@link DtlsLimits#DEFAULTS})
 * @param plain whether plain CoAP listens on {@code port} (default true). Plain CoAP authenticates
 *     nobody: anyone may claim any device id. Off, only CoAP over DTLS listens.
 */
public record CoapIngestConfig(
        String host, int port, Duration commitTimeout, OptionalInt dtlsPort, DtlsLimits dtlsLimits, boolean plain) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5683;
    public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_DTLS_PORT = 5684;

    public CoapIngestConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        Objects.requireNonNull(dtlsPort, "dtlsPort");
        Objects.requireNonNull(dtlsLimits, "dtlsLimits");
        checkPort(port);
        dtlsPort.ifPresent(CoapIngestConfig::checkPort);
    }

    /** Plain CoAP on {@code port}, DTLS on {@value #DEFAULT_DTLS_PORT} (if the server gets keys). */
    public static CoapIngestConfig of(String host, int port) {
        return new CoapIngestConfig(
                host, port, DEFAULT_COMMIT_TIMEOUT, OptionalInt.of(DEFAULT_DTLS_PORT), DtlsLimits.DEFAULTS, true);
    }

    /** The same with DTLS on {@code dtlsPort} (0 = any free port). */
    public CoapIngestConfig withDtls(int dtlsPort) {
        return new CoapIngestConfig(host, port, commitTimeout, OptionalInt.of(dtlsPort), dtlsLimits, plain);
    }

    /** The same without a DTLS endpoint, whatever keys the server is given. */
    public CoapIngestConfig withoutDtls() {
        return new CoapIngestConfig(host, port, commitTimeout, OptionalInt.empty(), dtlsLimits, plain);
    }

    /** The same without plain CoAP: only the DTLS endpoint listens. */
    public CoapIngestConfig withoutPlain() {
        return new CoapIngestConfig(host, port, commitTimeout, dtlsPort, dtlsLimits, false);
    }

    public CoapIngestConfig withDtlsLimits(DtlsLimits limits) {
        return new CoapIngestConfig(host, port, commitTimeout, dtlsPort, limits, plain);
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Bounds on the DTLS endpoint, so that handshakes (which cost the server state and a key lookup
     * before the peer has proven anything) cannot grow without limit.
     *
     * @param maxConnections DTLS connections, established or in handshake, kept at once (default
     *     {@value #DEFAULT_MAX_CONNECTIONS}; Scandium's own default of 150 000 is sized for far larger
     *     fleets). When full, only connections idle longer than the stale threshold are evicted.
     * @param maxRetransmissions how often a handshake flight is resent before the handshake is given
     *     up (default {@value #DEFAULT_MAX_RETRANSMISSIONS})
     * @param retransmissionTimeout the first wait before a flight is resent, doubled on each resend
     *     (default 2 s)
     * @param staleConnectionThreshold how long a connection must have been idle before it may be
     *     evicted for a new one (default 30 min, longer than the usual sending interval so that devices
     *     keep their session between readings)
     */
    public record DtlsLimits(
            int maxConnections,
            int maxRetransmissions,
            Duration retransmissionTimeout,
            Duration staleConnectionThreshold) {

        public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
        public static final int DEFAULT_MAX_RETRANSMISSIONS = 4;
        public static final Duration DEFAULT_RETRANSMISSION_TIMEOUT = Duration.ofSeconds(2);
        public static final Duration DEFAULT_STALE_CONNECTION_THRESHOLD = Duration.ofMinutes(30);
        public static final DtlsLimits DEFAULTS = new DtlsLimits(
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_RETRANSMISSIONS,
                DEFAULT_RETRANSMISSION_TIMEOUT,
                DEFAULT_STALE_CONNECTION_THRESHOLD);

        public DtlsLimits {
            Objects.requireNonNull(retransmissionTimeout, "retransmissionTimeout");
            Objects.requireNonNull(staleConnectionThreshold, "staleConnectionThreshold");
            if (maxConnections < 1 || maxRetransmissions < 0) {
                throw new IllegalArgumentException("maxConnections must be >= 1 and maxRetransmissions >= 0");
            }
            if (retransmissionTimeout.isNegative()
                    || retransmissionTimeout.isZero()
                    || staleConnectionThreshold.isNegative()
                    || staleConnectionThreshold.isZero()) {
                throw new IllegalArgumentException("DTLS timeouts must be positive");
            }
        }
    }
}
