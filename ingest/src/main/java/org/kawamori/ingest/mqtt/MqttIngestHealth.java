package org.kawamori.ingest.mqtt;

import org.kawamori.core.port.HealthIndicator;

/** Up while the ingest's MQTT client is connected to the broker. */
public final class MqttIngestHealth implements HealthIndicator {

    private final MqttIngestClient client;

    public MqttIngestHealth(MqttIngestClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public Health check() {
        return client.isConnected()
                ? Health.up("connected to " + client.brokerUrl())
                : Health.down("not connected to " + client.brokerUrl());
    }
}
