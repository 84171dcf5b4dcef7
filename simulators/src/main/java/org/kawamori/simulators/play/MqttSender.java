package org.kawamori.simulators.play;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends over MQTT 5 as the devices do: each device is its own client, logged in with its id and
 * secret (connected on its first message, kept for the run), publishing QoS 1; a message counts as
 * acknowledged when its PUBACK arrives (Kawamori sends it after commit).
 */
final class MqttSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSender.class);

    /** Paho: "Too many publishes in progress" (the in-flight window is full). */
    private static final int MAX_INFLIGHT = 32202;

    private final String url;
    private final Counters counters;
    private final Map<DeviceId, MqttAsyncClient> clients = new ConcurrentHashMap<>();

    MqttSender(String url, Counters counters) {
        this.url = url;
        this.counters = counters;
    }

    void send(Outgoing message) {
        DeviceId id;
        MunicipalityCode municipality;
        String secret;
        String topic;
        String contentType;
        if (message.sender() instanceof SimDevice.SimSensor s) {
            id = s.sensor().id();
            municipality = s.sensor().municipality();
            secret = s.secret();
            topic = "kawamori/" + municipality.value() + "/sensors/" + id.value() + "/up";
            contentType = "application/senml+json";
        } else {
            SimDevice.SimGateway g = (SimDevice.SimGateway) message.sender();
            id = g.gateway().id();
            municipality = g.gateway().municipality();
            secret = g.secret();
            topic = "kawamori/" + municipality.value() + "/gateways/" + id.value() + "/detections";
            contentType = "application/vnd.kawamori.detections+json";
        }
        counters.sent();
        try {
            MqttAsyncClient client = clients.computeIfAbsent(id, d -> connect(d, secret));
            MqttMessage m = new MqttMessage(message.payload().getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            MqttProperties properties = new MqttProperties();
            properties.setContentType(contentType);
            m.setProperties(properties);
            publishWithBackPressure(client, topic, m, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    counters.acked(message);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.debug("publish of {} failed: {}", id, e.toString());
                    counters.failed();
                }
            });
        } catch (MqttException | RuntimeException e) {
            LOG.warn("simulated device {} could not publish: {}", id, e.toString());
            clients.remove(id);
            counters.failed();
        }
    }

    /**
     * Publishes, waiting while the device's in-flight window is full (Paho refuses with 32202 rather
     * than queue): back-pressure of one device, up to 10 s, not a resend.
     */
    private static void publishWithBackPressure(
            MqttAsyncClient client, String topic, MqttMessage m, MqttActionListener listener) throws MqttException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                client.publish(topic, m, null, listener);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MAX_INFLIGHT || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private MqttAsyncClient connect(DeviceId id, String secret) {
        try {
            MqttAsyncClient client = new MqttAsyncClient(url, "sim-" + id.value(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(id.value());
            options.setPassword(secret.getBytes(StandardCharsets.UTF_8));
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            client.connect(options).waitForCompletion(5_000);
            return client;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect as " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient client : clients.values()) {
            try {
                client.disconnect(1_000).waitForCompletion(2_000);
                client.close();
            } catch (MqttException e) {
                LOG.debug("closing a simulated client", e);
            }
        }
    }
}
