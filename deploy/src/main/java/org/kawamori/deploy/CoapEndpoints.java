package org.kawamori.deploy;

import java.time.Clock;
import java.util.Optional;
import org.kawamori.core.port.DevicePsks;
import org.kawamori.core.port.InboundPipeline;
import org.kawamori.ingest.coap.CoapIngestConfig;
import org.kawamori.ingest.coap.CoapIngestServer;

/**
 * Which CoAP endpoints an instance opens, and where they listen once started:
 *
 * <pre>
 *                       devices' keys (PSK master key)   none
 *  plain CoAP on        plain + DTLS                     plain
 *  plain CoAP off       DTLS only                        no CoAP server at all
 * </pre>
 *
 * Plain CoAP authenticates nobody: a negative {@link AppConfig#coapPort()} leaves it out (serve's
 * default).
 *
 * @param server the started server, to be stopped with the app; empty when nothing listens
 * @param uri {@code coap://host:port}, or {@code off}
 * @param secureUri {@code coaps://host:port} when DTLS listens
 */
record CoapEndpoints(Optional<CoapIngestServer> server, String uri, Optional<String> secureUri) {

    static CoapEndpoints start(
            AppConfig config, Optional<? extends DevicePsks> psks, InboundPipeline pipeline, Clock clock) {
        boolean plain = config.coapPort() >= 0;
        CoapIngestConfig endpoints = CoapIngestConfig.of(config.host(), plain ? config.coapPort() : 0);
        CoapIngestConfig chosen = plain ? endpoints : endpoints.withoutPlain();
        Optional<CoapIngestServer> server = psks.<CoapIngestServer>map(keys ->
                        new CoapIngestServer(chosen.withDtls(config.coapsPort()), pipeline, Optional.of(keys), clock))
                .or(() -> plain
                        ? Optional.of(new CoapIngestServer(chosen.withoutDtls(), pipeline, clock))
                        : Optional.empty());
        if (server.isEmpty()) {
            return new CoapEndpoints(server, "off", Optional.empty());
        }
        CoapIngestServer started = server.get();
        try {
            int port = started.start();
            return new CoapEndpoints(
                    server,
                    port >= 0 ? "coap://" + config.host() + ":" + port : "off",
                    started.securePort().isPresent()
                            ? Optional.of("coaps://" + config.host() + ":"
                                    + started.securePort().getAsInt())
                            : Optional.empty());
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }
}
