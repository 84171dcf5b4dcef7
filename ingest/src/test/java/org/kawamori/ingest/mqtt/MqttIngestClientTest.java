package org.kawamori.ingest.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.DeviceCredentials;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.core.security.PasswordHash;
import org.kawamori.ingest.broker.EmbeddedBroker;
import org.kawamori.ingest.broker.EmbeddedBrokerConfig;
import org.kawamori.ingest.fixtures.FreePorts;
import org.kawamori.ingest.fixtures.ScriptedPipeline;

/**
 * The MQTT transport against the embedded HiveMQ broker and the machine's Mosquitto; the devices are
 * real Paho clients, so the ingest (the HiveMQ client) is tested against another vendor's MQTT stack.
 */
class MqttIngestClientTest {

    private static final String STORED_HASH = PasswordHash.hash("gauge-secret".toCharArray(), 1_000);
    private static final int TEN_GAUGES = 10;
    private static final InMemorySensorRegistry REGISTRY = new InMemorySensorRegistry()
            .with(givenSensor("kunikane").in("282103").gauge().build())
            .with(givenSensor("itanami").in("282138").gauge().build());

    static {
        for (int i = 0; i < TEN_GAUGES; i++) {
            REGISTRY.with(givenSensor("g-" + i).in("282103").gauge().build());
        }
    }

    private static final DeviceCredentials CREDENTIALS = (device, secret) -> PasswordHash.verify(secret, STORED_HASH);

    private static EmbeddedBroker embedded;

    /** A broker under test: its URL and how devices and the ingest log in to it. */
    record Broker(String name, String url, Optional<String[]> ingestLogin, boolean authenticatesDevices) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startEmbeddedBroker() throws Exception {
        Path dir = Files.createTempDirectory("kawamori-broker");
        embedded =
                new EmbeddedBroker(EmbeddedBrokerConfig.of("127.0.0.1", FreePorts.tcp(), dir), REGISTRY, CREDENTIALS);
        embedded.start();
    }

    @AfterAll
    static void stopEmbeddedBroker() throws Exception {
        embedded.close();
    }

    static Stream<Broker> brokers() {
        return Stream.of(
                new Broker(
                        "embedded HiveMQ",
                        embedded.url(),
                        Optional.of(new String[] {
                            embedded.serviceAccount().username(),
                            embedded.serviceAccount().secret()
                        }),
                        true),
                new Broker("local Mosquitto", "tcp://127.0.0.1:1883", Optional.empty(), false));
    }

    private final ScriptedPipeline pipeline = new ScriptedPipeline();
    private MqttIngestClient ingest;
    private Broker broker;
    private String ingestId;

    @AfterEach
    void stopIngest() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private void startIngest(Broker broker, String clientId) throws Exception {
        ingest = new MqttIngestClient(configFor(broker, clientId), pipeline, Clock.systemUTC());
        ingest.start();
    }

    private static MqttIngestConfig configFor(Broker broker, String clientId) {
        return new MqttIngestConfig(
                broker.url(),
                clientId,
                broker.ingestLogin().map(l -> l[0]),
                broker.ingestLogin().map(l -> l[1]),
                Optional.empty(),
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                MqttIngestConfig.DEFAULT_MAX_IN_FLIGHT);
    }

    private static MqttClient device(Broker broker, String id) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), id + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (broker.authenticatesDevices()) {
            options.setUserName(id);
            options.setPassword("gauge-secret".getBytes(UTF_8));
        }
        client.connect(options);
        return client;
    }

    private static void publish(MqttClient client, String topic, String payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    private Optional<InboundMessage> receivedWith(String marker) {
        return pipeline.received().stream()
                .filter(m -> new String(m.payload(), UTF_8).contains(marker))
                .findFirst();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aPublishedReadingReachesThePipelineWithItsAddress(Broker broker) throws Exception {
        startIngest(broker, "ingest-" + UUID.randomUUID());
        String marker = UUID.randomUUID().toString();
        MqttClient gauge = device(broker, "kunikane");
        publish(
                gauge,
                "kawamori/282103/sensors/kunikane/up",
                "[{\"n\":\"level\",\"v\":1.0,\"vs_\":\"" + marker + "\"}]");
        gauge.disconnect();

        await().atMost(Duration.ofSeconds(10)).until(() -> receivedWith(marker).isPresent());
        InboundMessage message = receivedWith(marker).orElseThrow();
        assertThat(message.transport()).isEqualTo(Transport.MQTT);
        assertThat(message.address())
                .isEqualTo(DeviceAddress.of(MunicipalityCode.of("282103"), DeviceId.of("kunikane")));
        assertThat(message.contentType()).isEqualTo(InboundMessage.SENML_JSON);
        assertThat(new MqttIngestHealth(ingest).check().up()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aMessageWhoseCommitFailedIsDeliveredAgainByItself(Broker broker) throws Exception {
        String ingestId = "ingest-" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        pipeline.answering(m -> attempts.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new StoreUnavailableException("database down (test)", null))
                : CompletableFuture.completedFuture(new IngestResult.Accepted(1)));
        startIngest(broker, ingestId);
        String marker = UUID.randomUUID().toString();
        MqttClient gauge = device(broker, "kunikane");
        publish(
                gauge,
                "kawamori/282103/sensors/kunikane/up",
                "[{\"n\":\"level\",\"v\":2.0,\"x_\":\"" + marker + "\"}]");
        gauge.disconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);

        // no PUBACK was sent; the ingest resumes its session and the broker delivers the message again
        await().atMost(Duration.ofSeconds(15)).until(() -> attempts.get() >= 2);
        assertThat(pipeline.received())
                .filteredOn(m -> new String(m.payload(), UTF_8).contains(marker))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void messagesPublishedWhileTheIngestIsDownArriveWhenItComesBack(Broker broker) throws Exception {
        String ingestId = "ingest-" + UUID.randomUUID();
        startIngest(broker, ingestId);
        ingest.close(); // the session stays at the broker and queues QoS 1 messages
        String marker = UUID.randomUUID().toString();
        MqttClient gauge = device(broker, "kunikane");
        for (int i = 0; i < 20; i++) {
            publish(
                    gauge,
                    "kawamori/282103/sensors/kunikane/up",
                    "[{\"n\":\"level\",\"v\":" + i + ",\"x_\":\"" + marker + "\"}]");
        }
        gauge.disconnect();

        startIngest(broker, ingestId);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> pipeline.received().stream()
                                .filter(m -> new String(m.payload(), UTF_8).contains(marker))
                                .count()
                        == 20);
    }

    /**
     * Ten gauges publish while the ingest is away; when it comes back, all ten messages are in
     * flight together and none is acknowledged before it is safe. The nine that arrived first are
     * committed in reverse order, the last one fails: the next session gets only that one again.
     * (HiveMQ sends a client's queued messages in batches of up to its receive maximum, and holds
     * back a second message on the same topic until the first is acknowledged: hence ten gauges,
     * published before the ingest returns.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void manyMessagesAreInFlightAtOnceAndEachIsAcknowledgedOnlyOnceItIsSafe(Broker broker) throws Exception {
        String marker = UUID.randomUUID().toString();
        List<CompletableFuture<IngestResult>> inArrivalOrder = tenMessagesInFlightAfterAReturn(broker, marker);
        List<String> payloads = payloadsWith(marker, pipeline);

        for (int i = TEN_GAUGES - 2; i >= 0; i--) {
            inArrivalOrder.get(i).complete(new IngestResult.Accepted(1));
        }
        inArrivalOrder.get(TEN_GAUGES - 1).completeExceptionally(new StoreUnavailableException("down (test)", null));

        assertThat(nextSessionsMessagesWith(marker)).containsExactly(payloads.get(TEN_GAUGES - 1));
    }

    /**
     * PUBACKs go out in the order the messages arrived (MQTT 5 §4.6), so a message that could not be
     * committed holds back the acknowledgements of those behind it: they are delivered again with it
     * (at-least-once; the store's idempotent writes absorb the second copies), and none is lost.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void aMessageThatFailsFirstBringsBackTheOnesBehindItButLosesNone(Broker broker) throws Exception {
        String marker = UUID.randomUUID().toString();
        List<CompletableFuture<IngestResult>> inArrivalOrder = tenMessagesInFlightAfterAReturn(broker, marker);
        List<String> payloads = payloadsWith(marker, pipeline);

        inArrivalOrder.get(0).completeExceptionally(new StoreUnavailableException("down (test)", null));
        for (int i = 1; i < TEN_GAUGES; i++) {
            inArrivalOrder.get(i).complete(new IngestResult.Accepted(1));
        }

        assertThat(nextSessionsMessagesWith(marker)).containsExactlyInAnyOrderElementsOf(payloads);
    }

    /** Ten gauges publish while the ingest is away; returns their answers, held open, in arrival order. */
    private List<CompletableFuture<IngestResult>> tenMessagesInFlightAfterAReturn(Broker broker, String marker)
            throws Exception {
        ingestId = "ingest-" + UUID.randomUUID();
        List<CompletableFuture<IngestResult>> answers = new CopyOnWriteArrayList<>();
        pipeline.answering(m -> {
            CompletableFuture<IngestResult> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        });
        startIngest(broker, ingestId);
        ingest.close(); // the session stays and queues
        for (int i = 0; i < TEN_GAUGES; i++) {
            MqttClient gauge = device(broker, "g-" + i);
            publish(gauge, "kawamori/282103/sensors/g-" + i + "/up", reading(i, marker));
            gauge.disconnect();
        }
        startIngest(broker, ingestId);
        this.broker = broker;

        // all ten are handed over before any of them is committed
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == TEN_GAUGES);
        assertThat(ingest.inFlight()).isEqualTo(TEN_GAUGES);
        return answers;
    }

    private static List<String> payloadsWith(String marker, ScriptedPipeline seen) {
        return seen.received().stream()
                .map(m -> new String(m.payload(), UTF_8))
                .filter(p -> p.contains(marker))
                .toList();
    }

    /**
     * Once the ingest is done with what it holds, it stops; returns what the same session delivers to
     * the next ingest, up to a message published after it resumed.
     */
    private List<String> nextSessionsMessagesWith(String marker) throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> ingest.inFlight() == 0);
        ingest.close();
        ScriptedPipeline next = new ScriptedPipeline();
        ingest = new MqttIngestClient(configFor(broker, ingestId), next, Clock.systemUTC());
        ingest.start();
        String after = UUID.randomUUID().toString();
        MqttClient gauge = device(broker, "g-1");
        publish(gauge, "kawamori/282103/sensors/g-1/up", reading(1, after));
        gauge.disconnect();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> next.received().stream().anyMatch(m -> new String(m.payload(), UTF_8).contains(after)));
        return payloadsWith(marker, next);
    }

    private static String reading(int i, String marker) {
        return "[{\"n\":\"level\",\"v\":" + i + ",\"x_\":\"" + marker + "\"}]";
    }

    @Test
    void theEmbeddedBrokerRefusesAWrongPassword() {
        Broker broker = brokers().findFirst().orElseThrow();
        assertThatThrownBy(() -> {
                    MqttClient client = new MqttClient(broker.url(), "intruder", new MemoryPersistence());
                    MqttConnectionOptions options = new MqttConnectionOptions();
                    options.setUserName("kunikane");
                    options.setPassword("guess".getBytes(UTF_8));
                    client.connect(options);
                })
                .isInstanceOf(MqttException.class);
    }

    @Test
    void theEmbeddedBrokerLetsADevicePublishOnlyToItsOwnTopic() throws Exception {
        Broker broker = brokers().findFirst().orElseThrow();
        startIngest(broker, "ingest-" + UUID.randomUUID());
        String forged = UUID.randomUUID().toString();
        MqttClient gauge = device(broker, "kunikane");
        try {
            publish(
                    gauge,
                    "kawamori/282138/sensors/itanami/up",
                    "[{\"n\":\"level\",\"v\":9,\"x_\":\"" + forged + "\"}]");
        } catch (MqttException refused) {
            // HiveMQ may answer the forbidden publish with a failing PUBACK or a disconnect
        }
        String honest = UUID.randomUUID().toString();
        MqttClient other = device(broker, "itanami");
        publish(other, "kawamori/282138/sensors/itanami/up", "[{\"n\":\"level\",\"v\":1,\"x_\":\"" + honest + "\"}]");
        other.disconnect();

        await().atMost(Duration.ofSeconds(10)).until(() -> receivedWith(honest).isPresent());
        assertThat(receivedWith(forged)).isEmpty();
    }
}
