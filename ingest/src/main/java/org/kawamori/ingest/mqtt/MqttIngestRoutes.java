package org.kawamori.ingest.mqtt;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Persistence;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.InboundPipeline;

/**
 * Sensor uplinks from the MQTT broker into the {@link InboundPipeline}.
 *
 * <pre>
 *  broker ──QoS 1, persistent session──► paho-mqtt5 consumer (manual acks)
 *     │  topic → DeviceAddress, MQTT 5 content type (default application/senml+json)
 *     │  pipeline.accept(message) … waits for Accepted (committed) or Rejected (dead-lettered)
 *     ▼
 *  PUBACK only now. If the pipeline fails (store down), no PUBACK is sent and the broker
 *  delivers the message again when the session resumes: at-least-once, and the store's
 *  idempotent writes absorb the duplicate.
 * </pre>
 *
 * The Paho callback thread handles one message at a time, so one broker connection keeps the order of
 * each sensor's messages.
 */
public final class MqttIngestRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "kawamori-mqtt-in";
    static final String COMPONENT = "kawamori-mqtt";

    private final MqttIngestConfig config;
    private final InboundPipeline pipeline;
    private final Clock clock;

    public MqttIngestRoutes(MqttIngestConfig config, InboundPipeline pipeline, Clock clock) {
        this.config = config;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @Override
    public void configure() {
        getContext().addComponent(COMPONENT, component());
        from(COMPONENT + ":" + config.subscription()).routeId(ROUTE_ID).process(this::handOver);
    }

    private PahoMqtt5Component component() {
        PahoMqtt5Configuration c = new PahoMqtt5Configuration();
        c.setBrokerUrl(config.brokerUrl());
        c.setClientId(config.clientId());
        c.setQos(1);
        c.setCleanStart(false);
        c.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        c.setManualAcksEnabled(true);
        c.setAutomaticReconnect(true);
        c.setMaxReconnectDelay(5_000);
        c.setPersistence(PahoMqtt5Persistence.MEMORY);
        config.username().ifPresent(c::setUserName);
        config.password().ifPresent(c::setPassword);
        PahoMqtt5Component component = new PahoMqtt5Component();
        component.setConfiguration(c);
        return component;
    }

    private void handOver(Exchange exchange) throws Exception {
        String topic = exchange.getIn().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        byte[] payload = exchange.getIn().getBody(byte[].class);
        InboundMessage message = new InboundMessage(
                Transport.MQTT,
                topic,
                MqttTopics.parse(topic),
                payload == null ? new byte[0] : payload,
                contentType(exchange),
                Optional.empty(),
                clock.instant());
        IngestResult result = pipeline.accept(message)
                .toCompletableFuture()
                .get(config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        exchange.getMessage().setBody(result);
    }

    private static String contentType(Exchange exchange) {
        MqttProperties properties =
                exchange.getIn().getHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, MqttProperties.class);
        if (properties != null && properties.getContentType() != null) {
            return properties.getContentType();
        }
        return InboundMessage.SENML_JSON;
    }
}
