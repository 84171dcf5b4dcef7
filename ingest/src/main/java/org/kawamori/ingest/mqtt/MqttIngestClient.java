package org.kawamori.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.InboundPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sensor uplinks and gateway batches from the MQTT broker into the {@link InboundPipeline}.
 *
 * <pre>
 *  broker ──QoS 1, persistent session (clean start off, session expiry, receive maximum)──► Paho
 *     │  callback installed BEFORE connect, so messages the broker re-sends at session resume are
 *     │  never dropped; manual acknowledgements
 *     │  topic → DeviceAddress, MQTT 5 content type (default application/senml+json)
 *     │  up to maxInFlight messages at once (the pipeline keeps each device's messages in order)
 *     ▼
 *  pipeline.accept(message) ──► Accepted (committed) or Rejected (dead-lettered)
 *     ▼
 *  OrderedAcks: PUBACK in arrival order, each only once its message is safe. If the pipeline fails
 *  (store down) or times out, that message gets no PUBACK; after a pause the session is resumed
 *  (disconnect, connect) and the broker delivers it again: at-least-once, and the store's idempotent
 *  writes absorb the duplicate.
 * </pre>
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
    private final OrderedAcks acks;
    private final Semaphore inFlight;
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kawamori-mqtt-resume");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile boolean draining;

    public MqttIngestClient(MqttIngestConfig config, InboundPipeline pipeline, Clock clock) throws MqttException {
        this.config = config;
        this.pipeline = pipeline;
        this.clock = clock;
        this.client = new MqttClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
        this.options = connectionOptions(config);
        this.inFlight = new Semaphore(config.maxInFlight());
        this.acks = new OrderedAcks(this::acknowledge);
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
        o.setReceiveMaximum(config.maxInFlight());
        if (config.brokerUrl().startsWith("tcp://")) {
            o.setSocketFactory(new BufferedSockets());
        }
        config.username().ifPresent(o::setUserName);
        config.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        return o;
    }

    /** Connects, resuming the session if the broker still has it, and subscribes. */
    public void start() throws MqttException {
        acks.newConnection();
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

    /**
     * Sends a PUBACK only while connected. Paho queues an acknowledgement given while its connection is
     * going down ahead of the next CONNECT; its sender then finds no CONNECT first, stops, and the
     * automatic reconnect waits for it for ever (thread "MQTT Con" in {@code CommsSender.start}). A
     * message not acknowledged here is delivered again on the resumed session.
     */
    private void acknowledge(int messageId, int qos) throws MqttException {
        if (!client.isConnected()) {
            throw new IllegalStateException("not connected: the broker delivers the message again");
        }
        client.messageArrivedComplete(messageId, qos);
    }

    private void resubscribe() {
        try {
            subscribe();
        } catch (MqttException e) {
            LOG.warn("re-subscribing after a reconnect failed: {}", e.getMessage());
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public String brokerUrl() {
        return config.brokerUrl();
    }

    private void handle(String topic, MqttMessage message) throws InterruptedException {
        if (draining) {
            return; // not acknowledged: the broker delivers it to the next session
        }
        InboundMessage inbound = new InboundMessage(
                Transport.MQTT,
                topic,
                MqttTopics.parse(topic),
                message.getPayload() == null ? new byte[0] : message.getPayload(),
                contentType(message),
                Optional.empty(),
                clock.instant());
        inFlight.acquire(); // the receive maximum keeps the broker from sending more; this is the guard
        if (draining) {
            inFlight.release();
            return;
        }
        OrderedAcks.Arrival arrival = acks.arrived(message.getId(), message.getQos());
        CompletableFuture<IngestResult> result;
        try {
            result = pipeline.accept(inbound).toCompletableFuture();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.orTimeout(config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, failure) -> {
                    try {
                        if (failure != null) {
                            LOG.warn(
                                    "message on {} not committed ({}); it stays unacknowledged",
                                    topic,
                                    rootCause(failure));
                            scheduleResume();
                        }
                        acks.done(arrival, failure == null);
                    } finally {
                        inFlight.release();
                    }
                });
    }

    /** Messages being processed now (for tests and metrics). */
    public int inFlight() {
        return config.maxInFlight() - inFlight.availablePermits();
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
            acks.newConnection();
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

    /**
     * Stops taking messages, waits up to the commit timeout for those in flight to be committed and
     * acknowledged, then disconnects. The session stays at the broker, which queues what comes next.
     */
    @Override
    public void close() {
        draining = true;
        try {
            if (inFlight.tryAcquire(config.maxInFlight(), config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(config.maxInFlight());
            } else {
                LOG.warn("{} MQTT message(s) still in flight at shutdown; the broker delivers them again", inFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
            handle(topic, message);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                LOG.info("MQTT ingest reconnected to {}", serverUri);
                // Not on Paho's callback thread: queued messages arriving before the SUBACK fill Paho's
                // inbound queue and block its receiver until the keep-alive gives up (paho.mqtt.java#999).
                if (!closed) {
                    resumer.execute(MqttIngestClient.this::resubscribe);
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            acks.newConnection();
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
