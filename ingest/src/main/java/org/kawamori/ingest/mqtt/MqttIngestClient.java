package org.kawamori.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
 *  broker ──QoS 1, persistent session (clean start off, session expiry)──► HiveMQ MQTT client (Netty)
 *     │  the publish callback is registered BEFORE connect, so messages the broker re-sends at
 *     │  session resume are never dropped; manual acknowledgement
 *     │  on the client's own event loop ("kawamori-mqtt-ingest"): topic → DeviceAddress, MQTT 5
 *     │  content type (default application/senml+json); up to maxInFlight messages at once; with
 *     │  the window full it waits, reads nothing more, and TCP holds the broker back
 *     ▼
 *  pipeline.accept(message) ──► Accepted (committed) or Rejected (dead-lettered)
 *     │  (the pipeline keeps each device's messages in order and hands them to its workers at once)
 *     ▼
 *  PendingAcks: acknowledged once its message is safe; the client sends the PUBACKs in arrival order.
 *  If the pipeline fails (store down) or times out, that message is withheld, and with it the
 *  PUBACKs behind it; after a pause the session is resumed (disconnect, connect) and the broker
 *  delivers what was not acknowledged again: at-least-once, and the store's idempotent writes absorb
 *  the duplicates.
 * </pre>
 *
 * <p>Why not Paho (used before): it copies every PUBLISH packet twice, one byte per call (its
 * {@code CountingInputStream} has no bulk read), so its receiving thread took a sixth of the CPU in
 * the detection benchmark, where a batch of 50 is some 2.6 KB; with this client detection batches
 * went from 120,000-136,000 to 142,000-167,000 rows/s on the same machine. Why not
 * camel-paho-mqtt5: its consumer (4.14) connects first and installs its callback after, so a
 * message re-sent right after a resumed session's CONNACK finds no callback. Recovery after a crash
 * depends on exactly that re-send.
 */
public final class MqttIngestClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);
    private static final long CONNECT_TIMEOUT_SECONDS = 10;

    /**
     * The receive maximum the broker is told: the protocol's largest. Mosquitto 2.0.11 (Debian 12)
     * was seen to send more unacknowledged messages than a smaller receive maximum allows, and the
     * HiveMQ client then ends the connection (RECEIVE_MAXIMUM_EXCEEDED). The ingest's own window,
     * {@link MqttIngestConfig#maxInFlight()}, bounds what it holds: when it is full, the event loop
     * waits for a permit, reads nothing more, and TCP holds the broker back.
     */
    static final int BROKER_RECEIVE_MAXIMUM = 65_535;

    private final MqttIngestConfig config;
    private final InboundPipeline pipeline;
    private final Clock clock;
    private final Mqtt5AsyncClient client;
    private final Mqtt5Connect connect;
    private final AtomicBoolean resumePending = new AtomicBoolean();
    private final PendingAcks acks = new PendingAcks();
    private final Semaphore inFlight;
    private final ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kawamori-mqtt-ingest");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kawamori-mqtt-resume");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile boolean draining;
    private volatile boolean starting;
    private volatile boolean connectedOnce;

    public MqttIngestClient(MqttIngestConfig config, InboundPipeline pipeline, Clock clock) {
        this.config = config;
        this.pipeline = pipeline;
        this.clock = clock;
        this.inFlight = new Semaphore(config.maxInFlight());
        this.client =
                newClient(config, BrokerUrl.parse(config.brokerUrl()), eventLoop, this::connected, this::disconnected);
        this.connect = connectMessage(config);
        // before the first connect: what a resumed session delivers at once must find a callback
        client.publishes(MqttGlobalPublishFilter.ALL, this::handle, true);
    }

    /**
     * The client, on an event loop of its own: the publish callback may wait there for a permit, and
     * must not hold up another HiveMQ client of the same JVM (the benchmarks' publishers).
     */
    private static Mqtt5AsyncClient newClient(
            MqttIngestConfig config,
            BrokerUrl url,
            Executor eventLoop,
            Runnable connected,
            Consumer<MqttClientDisconnectedContext> lost) {
        Mqtt5ClientBuilder builder = MqttClient.builder()
                .useMqttVersion5()
                .identifier(config.clientId())
                .serverHost(url.host())
                .serverPort(url.port())
                .executorConfig()
                .nettyExecutor(eventLoop)
                .nettyThreads(1)
                .applyExecutorConfig()
                .transportConfig()
                .socketConnectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .mqttConnectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .applyTransportConfig()
                .automaticReconnect()
                .initialDelay(1, TimeUnit.SECONDS)
                .maxDelay(10, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> connected.run())
                .addDisconnectedListener(lost::accept);
        if (url.tls()) {
            builder = builder.sslWithDefaultConfig();
        }
        if (url.webSocket()) {
            builder = builder.webSocketConfig().serverPath(url.webSocketPath()).applyWebSocketConfig();
        }
        return builder.buildAsync();
    }

    private static Mqtt5Connect connectMessage(MqttIngestConfig config) {
        Mqtt5ConnectBuilder builder = Mqtt5Connect.builder()
                .cleanStart(false)
                .sessionExpiryInterval(config.sessionExpiry().toSeconds())
                .keepAlive(30)
                .restrictions()
                .receiveMaximum(BROKER_RECEIVE_MAXIMUM)
                .applyRestrictions();
        if (config.username().isPresent()) {
            builder = builder.simpleAuth()
                    .username(config.username().get())
                    .password(config.password().orElse("").getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth();
        }
        return builder.build();
    }

    /**
     * Connects, resuming the session if the broker still has it, and subscribes.
     *
     * @throws IllegalStateException when the broker cannot be reached or refuses the ingest
     */
    public void start() throws InterruptedException {
        starting = true;
        Mqtt5ConnAck connAck;
        try {
            connAck = await(client.connect(connect), "connecting to " + config.brokerUrl());
            await(client.subscribe(subscription()), "subscribing to " + config.subscriptions());
        } finally {
            starting = false;
        }
        LOG.info(
                "MQTT ingest connected to {} as {} ({} session), subscribed to {}",
                config.brokerUrl(),
                config.clientId(),
                connAck.isSessionPresent() ? "resumed" : "new",
                config.subscriptions());
    }

    private Mqtt5Subscribe subscription() {
        return Mqtt5Subscribe.builder()
                .addSubscriptions(config.subscriptions().stream().map(filter -> Mqtt5Subscription.builder()
                        .topicFilter(filter)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .build()))
                .build();
    }

    private <T> T await(CompletableFuture<T> step, String what) throws InterruptedException {
        try {
            return step.get(2 * CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("MQTT ingest: " + what + " failed: " + rootCause(e), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("MQTT ingest: " + what + " timed out", e);
        }
    }

    public boolean isConnected() {
        return client.getState().isConnected();
    }

    public String brokerUrl() {
        return config.brokerUrl();
    }

    /**
     * On the client's event loop. The pipeline hands each message to its workers at once; only a full
     * window ({@code maxInFlight} messages not yet committed) makes this wait, and while it waits the
     * client reads nothing more from the broker.
     */
    private void handle(Mqtt5Publish publish) {
        if (draining) {
            return; // not acknowledged: the broker delivers it to the next session
        }
        if (!awaitPermit()) {
            return; // closing
        }
        if (draining) {
            inFlight.release();
            return;
        }
        PendingAcks.Arrival arrival =
                publish.getQos() == MqttQos.AT_MOST_ONCE ? null : acks.arrived(publish::acknowledge);
        String topic = publish.getTopic().toString();
        InboundMessage inbound = new InboundMessage(
                Transport.MQTT,
                topic,
                MqttTopics.parse(topic),
                publish.getPayloadAsBytes(),
                publish.getContentType().map(Object::toString).orElse(InboundMessage.SENML_JSON),
                Optional.empty(),
                clock.instant());
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
                        if (arrival != null) {
                            acks.done(arrival, failure == null);
                        }
                    } finally {
                        inFlight.release();
                    }
                });
    }

    /** A permit of the window; at once while one is free (the semaphore tries before it parks). */
    private boolean awaitPermit() {
        try {
            inFlight.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Messages being processed now (for tests and metrics). */
    public int inFlight() {
        return config.maxInFlight() - inFlight.availablePermits();
    }

    /** The automatic reconnect resumes the session; the client re-subscribes if the broker lost it. */
    private void connected() {
        if (connectedOnce && !starting) {
            LOG.info("MQTT ingest reconnected to {}", config.brokerUrl());
        }
        connectedOnce = true;
    }

    private void disconnected(MqttClientDisconnectedContext context) {
        acks.connectionEnded();
        if (!closed && context.getSource() != MqttDisconnectSource.USER) {
            LOG.warn("MQTT ingest lost the broker: {}", rootCause(context.getCause()));
        }
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
        if (client.getState().isConnected()) {
            try {
                client.disconnect().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // the event loop may be waiting for a permit of a full window: try again later
                LOG.debug("disconnecting to resume the MQTT session takes long; trying again");
                scheduleResume();
                return;
            } catch (ExecutionException e) {
                LOG.debug("disconnecting to resume the MQTT session", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (client.getState().isConnectedOrReconnect()) {
            return; // connected again, or the automatic reconnect resumes it
        }
        try {
            start();
            LOG.info("MQTT session resumed to receive unacknowledged messages again");
        } catch (IllegalStateException e) {
            LOG.warn("resuming the MQTT session failed: {}; trying again", e.getMessage());
            scheduleResume();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            client.disconnect().get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing the MQTT ingest client", e);
        }
        eventLoop.shutdownNow();
    }
}
