package org.kawamori.ingest.mqtt;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.kawamori.core.port.HealthIndicator;

/** Up while the ingest's MQTT client is connected to the broker. */
public final class MqttIngestHealth implements HealthIndicator {

    private final CamelContext context;
    private final String brokerUrl;

    public MqttIngestHealth(CamelContext context, String brokerUrl) {
        this.context = context;
        this.brokerUrl = brokerUrl;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public Health check() {
        Route route = context.getRoute(MqttIngestRoutes.ROUTE_ID);
        if (route == null || !(route.getConsumer() instanceof PahoMqtt5Consumer consumer)) {
            return Health.down("the MQTT ingest route is not running");
        }
        var client = consumer.getClient();
        if (client != null && client.isConnected()) {
            return Health.up("connected to " + brokerUrl);
        }
        return Health.down("not connected to " + brokerUrl);
    }
}
