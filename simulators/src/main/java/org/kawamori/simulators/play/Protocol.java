package org.kawamori.simulators.play;

/** The way a simulated device sends: MQTT 5 QoS 1, CoAP POST, or (gateways only) HTTPS POST. */
public enum Protocol {
    MQTT,
    COAP,
    HTTPS
}
