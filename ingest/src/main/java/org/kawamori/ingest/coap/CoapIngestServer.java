package org.kawamori.ingest.coap;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.kawamori.core.port.DevicePsks;
import org.kawamori.core.port.InboundPipeline;

/**
 * The CoAP endpoints of the ingest: a Californium server with plain CoAP on one UDP port and,
 * when it is given the devices' pre-shared keys, CoAP over DTLS 1.2 on a second one.
 *
 * <pre>
 *  coap://host:5683/s/{id}   anyone may claim any device id (off with CoapIngestConfig.withoutPlain)
 *  coaps://host:5684/s/{id}  PSK handshake: identity = device id, key from DevicePsks;
 *                            the request carries the authenticated id, and the pipeline refuses
 *                            a path naming another device (4.03, dead-lettered)
 * </pre>
 *
 * <p>We use Californium directly rather than camel-coap 4.14: camel-coap answers every processed
 * request with 2.05 Content (so a refused reading could not get a 4.xx with its diagnostic) and binds
 * every interface whatever the URI names. The data still flows through the same Camel ingest route
 * via {@link InboundPipeline}.
 */
public final class CoapIngestServer implements AutoCloseable {

    /** The cipher suites offered on DTLS: PSK only, both with 128-bit AES (RFC 7925 names CCM_8). */
    public static final CipherSuite[] DTLS_CIPHER_SUITES = {
        CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256
    };

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapIngestConfig config;
    private final CoapServer server;
    private final Optional<CoapEndpoint> endpoint;
    private final Optional<CoapEndpoint> secureEndpoint;

    /** Plain CoAP only. */
    public CoapIngestServer(CoapIngestConfig config, InboundPipeline pipeline, Clock clock) {
        this(config, pipeline, Optional.empty(), clock);
    }

    /**
     * Plain CoAP and, when {@code psks} is present and the config names a DTLS port, CoAP over DTLS
     * with a pre-shared key per device.
     */
    public CoapIngestServer(CoapIngestConfig config, InboundPipeline pipeline, Optional<DevicePsks> psks, Clock clock) {
        this.config = config;
        // Never read or write Californium3.properties in the working directory.
        Configuration configuration = Configuration.createStandardWithoutFile();
        this.endpoint = config.plain()
                ? Optional.of(new CoapEndpoint.Builder()
                        .setInetSocketAddress(new InetSocketAddress(config.host(), config.port()))
                        .setConfiguration(configuration)
                        .build())
                : Optional.empty();
        this.secureEndpoint = config.dtlsPort().isPresent() && psks.isPresent()
                ? Optional.of(secureEndpoint(config, config.dtlsPort().getAsInt(), psks.get(), configuration))
                : Optional.empty();
        if (endpoint.isEmpty() && secureEndpoint.isEmpty()) {
            // Californium would open a default endpoint on 5683 rather than none
            throw new IllegalArgumentException("plain CoAP is off and there is no DTLS endpoint: nothing to listen on");
        }
        this.server = new CoapServer(configuration);
        endpoint.ifPresent(server::addEndpoint);
        secureEndpoint.ifPresent(server::addEndpoint);
        server.add(UplinkResource.sensors(pipeline, config, clock));
        server.add(UplinkResource.gateways(pipeline, config, clock));
    }

    private static CoapEndpoint secureEndpoint(
            CoapIngestConfig config, int port, DevicePsks psks, Configuration configuration) {
        CoapIngestConfig.DtlsLimits limits = config.dtlsLimits();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(config.host(), port))
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, DTLS_CIPHER_SUITES)
                .setAdvancedPskStore(new DevicePskStore(psks))
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, limits.maxConnections())
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, limits.maxRetransmissions())
                .set(
                        DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT,
                        limits.retransmissionTimeout().toMillis(),
                        TimeUnit.MILLISECONDS)
                .set(
                        DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD,
                        limits.staleConnectionThreshold().toSeconds(),
                        TimeUnit.SECONDS)
                .setLoggingTag("coaps")
                .build();
        return new CoapEndpoint.Builder()
                .setConnector(new DTLSConnector(dtls))
                .setConfiguration(configuration)
                .build();
    }

    /**
     * Starts listening; returns the plain UDP port actually bound, or -1 when plain CoAP is off (see
     * {@link #securePort()} for DTLS).
     */
    public int start() {
        server.start();
        return endpoint.map(e -> e.getAddress().getPort()).orElse(-1);
    }

    /** The DTLS port actually bound once started; empty when there is no DTLS endpoint. */
    public OptionalInt securePort() {
        return secureEndpoint.map(e -> OptionalInt.of(e.getAddress().getPort())).orElseGet(OptionalInt::empty);
    }

    public String host() {
        return config.host();
    }

    @Override
    public void close() {
        server.stop();
        server.destroy();
    }
}
