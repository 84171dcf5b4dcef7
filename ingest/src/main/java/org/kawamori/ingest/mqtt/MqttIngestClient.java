package org.kawamori.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.InboundPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sensor uplinks from the MQTT broker into the {@link InboundPipeline}.
 *
 * <pre>
 *  broker ──QoS 1, persistent session (clean start off, session expiry)──► Paho client
 *     │  callback installed BEFORE connect, so messages the broker re-sends at session
 *     │  resume are never dropped; manual acknowledgements
 *     │  topic → DeviceAddress, MQTT 5 content type (default application/senml+json)
 *     │  pipeline.accept(message) … waits for Accepted (committed) or Rejected (dead-lettered)
 *     ▼
 *  PUBACK only now. If the pipeline fails (store down), no PUBACK is sent; after a pause the
 *  session is resumed (disconnect, connect) and the broker delivers the message again:
 *  at-least-once, and the store's idempotent writes absorb the duplicate.
 * </pre>
 *
 * Paho calls back on one thread, one message at a time, so each sensor's messages stay in order.
 *
 * <p>Why not camel-paho-mqtt5: its consumer (4.14) connects first and installs its callback after,
 * so a message re-sent right after a resumed session's CONNACK finds no callback and stays
 * unacknowledged until the next reconnect; without manual acks Paho would even acknowledge it
 * unprocessed. Recovery after a crash depends on exactly that re-send.
 */
public final class MqttIngestClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);

    private final MqttIngestConfig config;
    private final InboundPipeline pipeline;
    private final Clock clock;
    private final MqttClient client;
    private final MqttConnectionOptions options;
    private final AtomicBoolean resumePending = new AtomicBoolean();
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kawamori-mqtt-resume");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public MqttIngestClient(MqttIngestConfig config, InboundPipeline pipeline, Clock clock) throws MqttException {
        this.config = config;
        this.pipeline = pipeline;
        this.clock = clock;
        this.client = new MqttClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
        this.options = connectionOptions(config);
        client.setManualAcks(true);
        client.setCallback(new Callback());
    }

    private static MqttConnectionOptions connectionOptions(MqttIngestConfig config) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 10);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        config.username().ifPresent(o::setUserName);
        config.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        return o;
    }

    /** Connects, resuming the session if the broker still has it, and subscribes. */
    public void start() throws MqttException {
        IMqttToken token = client.connectWithResult(options);
        boolean resumed = token.getSessionPresent();
        subscribe();
        LOG.info(
                "MQTT ingest connected to {} as {} ({} session), subscribed to {}",
                config.brokerUrl(),
                config.clientId(),
                resumed ? "resumed" : "new",
                config.subscriptions());
    }

    private void subscribe() throws MqttException {
        for (String filter : config.subscriptions()) {
            client.subscribe(filter, 1);
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public String brokerUrl() {
        return config.brokerUrl();
    }

    private void handle(String topic, MqttMessage message) {
        InboundMessage inbound = new InboundMessage(
                Transport.MQTT,
                topic,
                MqttTopics.parse(topic),
                message.getPayload() == null ? new byte[0] : message.getPayload(),
                contentType(message),
                Optional.empty(),
                clock.instant());
        try {
            pipeline.accept(inbound)
                    .toCompletableFuture()
                    .get(config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("message on {} not committed ({}); it stays unacknowledged", topic, rootCause(e));
            scheduleResume();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MqttException e) {
            LOG.warn("could not acknowledge a message on {}: {}", topic, e.getMessage());
        }
    }

    private static String contentType(MqttMessage message) {
        MqttProperties properties = message.getProperties();
        if (properties != null && properties.getContentType() != null) {
            return properties.getContentType();
        }
        return InboundMessage.SENML_JSON;
    }

    /** Unacknowledged messages come again only on a resumed session: resume it, once, after a pause. */
    private void scheduleResume() {
        if (!closed && resumePending.compareAndSet(false, true)) {
            resumer.schedule(this::resume, config.resumeAfterFailure().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void resume() {
        resumePending.set(false);
        if (closed) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(5_000);
            }
            start();
            LOG.info("MQTT session resumed to receive unacknowledged messages again");
        } catch (MqttException e) {
            LOG.warn("resuming the MQTT session failed: {}; trying again", e.getMessage());
            scheduleResume();
        }
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    @Override
    public void close() {
        closed = true;
        resumer.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the MQTT ingest client", e);
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handle(topic, message);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                LOG.info("MQTT ingest reconnected to {}", serverUri);
                try {
                    subscribe();
                } catch (MqttException e) {
                    LOG.warn("re-subscribing after a reconnect failed: {}", e.getMessage());
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed) {
                LOG.warn("MQTT ingest lost the broker: {}", response.getReasonString());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
