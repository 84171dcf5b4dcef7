package org.kawamori.ingest.coap;

import java.net.InetSocketAddress;
import java.time.Clock;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.kawamori.core.port.InboundPipeline;

/**
 * The CoAP endpoint of the ingest: a Californium server bound to one address.
 *
 * <p>We use Californium directly rather than camel-coap 4.14: camel-coap answers every processed
 * request with 2.05 Content (so a refused reading could not get a 4.xx with its diagnostic) and binds
 * every interface whatever the URI names. The data still flows through the same Camel ingest route
 * via {@link InboundPipeline}.
 */
public final class CoapIngestServer implements AutoCloseable {

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private final CoapIngestConfig config;
    private final CoapServer server;
    private final CoapEndpoint endpoint;

    public CoapIngestServer(CoapIngestConfig config, InboundPipeline pipeline, Clock clock) {
        this.config = config;
        // Never read or write Californium3.properties in the working directory.
        Configuration configuration = Configuration.createStandardWithoutFile();
        this.endpoint = new CoapEndpoint.Builder()
                .setInetSocketAddress(new InetSocketAddress(config.host(), config.port()))
                .setConfiguration(configuration)
                .build();
        this.server = new CoapServer(configuration);
        server.addEndpoint(endpoint);
        server.add(new SensorUplinkResource(pipeline, config, clock));
    }

    /** Starts listening; returns the UDP port actually bound. */
    public int start() {
        server.start();
        return endpoint.getAddress().getPort();
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
