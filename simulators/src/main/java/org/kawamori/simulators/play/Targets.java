package org.kawamori.simulators.play;

import java.util.Objects;

/**
 * Where a run sends: the Kawamori under test (any instance, local or not).
 *
 * @param mqttUrl its broker, e.g. {@code tcp://127.0.0.1:1883}
 * @param coapUri its CoAP endpoint, e.g. {@code coap://127.0.0.1:5683}
 * @param httpsUrl its gateway HTTPS base, e.g. {@code https://127.0.0.1:8443}
 * @param trustAnyCertificate accept a self-signed certificate (the demo's); off unless asked for
 */
public record Targets(String mqttUrl, String coapUri, String httpsUrl, boolean trustAnyCertificate) {

    public Targets {
        Objects.requireNonNull(mqttUrl, "mqttUrl");
        Objects.requireNonNull(coapUri, "coapUri");
        Objects.requireNonNull(httpsUrl, "httpsUrl");
    }
}
