package org.kawamori.core.ingest;

/** The ways data comes in. */
public enum Transport {
    MQTT,
    COAP,
    HTTPS
}
