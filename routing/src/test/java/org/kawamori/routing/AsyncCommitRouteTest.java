package org.kawamori.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Reading;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.InboundPipeline;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.routing.fixtures.RecordingStores;
import org.kawamori.routing.fixtures.WriterLikeStore;

/**
 * The route with a store that commits on its own thread, later, in any order, as the batched writer
 * does: each message is answered only after its commit, the listeners hear every gauge's readings
 * in the order they came, and the writer's thread never runs route steps.
 */
class AsyncCommitRouteTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    private static final List<String> GAUGES = List.of("kunikane", "itami", "ono", "nishiwaki", "kato");

    private final InMemorySensorRegistry registry = new InMemorySensorRegistry();
    private final RecordingStores deadLetters = new RecordingStores();
    private final Map<DeviceId, List<Reading>> heard = new ConcurrentHashMap<>();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private WriterLikeStore store;
    private DefaultCamelContext camel;
    private RoutingModule routing;
    private InboundPipeline pipeline;

    private void start(int maxCommitDelayMillis) throws Exception {
        start(maxCommitDelayMillis, Duration.ofMillis(10));
    }

    private void start(int maxCommitDelayMillis, Duration retryDelay) throws Exception {
        GAUGES.forEach(id -> registry.with(givenSensor(id).in("282103").gauge().build()));
        store = new WriterLikeStore(maxCommitDelayMillis);
        routing = new RoutingModule(
                new RoutingConfig(1024, 50, Duration.ofMinutes(5), Duration.ofDays(30), 2, retryDelay, 4),
                registry,
                store,
                deadLetters,
                List.of((sensor, readings) -> {
                    listenerThreads.add(Thread.currentThread().getName());
                    heard.computeIfAbsent(sensor.id(), id -> new CopyOnWriteArrayList<>())
                            .addAll(readings);
                }),
                Clock.fixed(NOW, ZoneOffset.UTC));
        camel = new DefaultCamelContext();
        routing.addTo(camel);
        camel.start();
        pipeline = routing.pipeline(camel);
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
            routing.close();
            store.close();
        }
    }

    @Test
    void everyGaugesReadingsReachTheListenersInTheOrderTheyCameThoughCommitsFinishInAnyOrder() throws Exception {
        start(3);
        List<CompletableFuture<IngestResult>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            for (String gauge : GAUGES) {
                answers.add(send(gauge, i));
            }
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(answers).allSatisfy(a -> assertThat(a.get()).isEqualTo(new IngestResult.Accepted(1)));
        assertThat(store.readings()).hasSize(500);
        await().until(() -> GAUGES.stream()
                .allMatch(g -> heard.containsKey(DeviceId.of(g))
                        && heard.get(DeviceId.of(g)).size() == 100));
        for (String gauge : GAUGES) {
            List<Instant> times =
                    heard.get(DeviceId.of(gauge)).stream().map(Reading::time).toList();
            assertThat(times).as(gauge).hasSize(100).isSorted();
        }
        assertThat(listenerThreads).noneMatch(WriterLikeStore.THREAD_NAME::equals);
        assertThat(routing.counters().acceptedMessages()).isEqualTo(500);
    }

    @Test
    void aMessageIsAnsweredOnlyOnceItsRowsAreCommitted() throws Exception {
        start(200);
        CompletableFuture<IngestResult> answer = send("kunikane", 1);
        // the answer waits for the commit only; the listeners hear of it after

        assertThat(answer).isNotDone();
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(new IngestResult.Accepted(1));
        assertThat(store.readings()).hasSize(1);
        await().untilAsserted(
                        () -> assertThat(heard.get(DeviceId.of("kunikane"))).hasSize(1));
    }

    @Test
    void aStoreThatComesBackBeforeTheRetryTakesTheMessageAndNothingIsDeadLettered() throws Exception {
        start(0, Duration.ofMillis(300));
        store.goDown();

        CompletableFuture<IngestResult> answer = send("kunikane", 1);
        await().until(() -> store.submissions() == 1);
        store.comeBack(); // the first retry comes 300 ms after the failed attempt

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(new IngestResult.Accepted(1));
        assertThat(store.submissions()).as("the failed attempt and the retry").isEqualTo(2);
        assertThat(store.readings()).hasSize(1);
        assertThat(deadLetters.deadLetters()).isEmpty();
    }

    @Test
    void aStoreThatFailsOnItsOwnThreadIsRetriedThenTheMessageFailsAndTheNextIsStored() throws Exception {
        start(0);
        store.goDown();

        CompletableFuture<IngestResult> failed = send("kunikane", 1);

        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(store.submissions()).as("first attempt and two retries").isEqualTo(3);
        assertThat(deadLetters.deadLetters())
                .as("an outage is not the message's fault")
                .isEmpty();

        store.comeBack();
        assertThat(send("kunikane", 2).get(10, TimeUnit.SECONDS)).isEqualTo(new IngestResult.Accepted(1));
        await().until(() -> store.readings().size() == 1);
    }

    private CompletableFuture<IngestResult> send(String gauge, int minute) {
        String json = String.format(
                Locale.ROOT,
                "[{\"n\":\"level\",\"u\":\"m\",\"v\":%.2f,\"t\":%d}]",
                1 + minute / 100.0,
                NOW.minusSeconds(3 * 3600).plusSeconds(60L * minute).getEpochSecond());
        InboundMessage message = new InboundMessage(
                Transport.MQTT,
                "kawamori/282103/sensors/" + gauge + "/up",
                DeviceAddress.of(DeviceId.of(gauge)),
                json.getBytes(UTF_8),
                InboundMessage.SENML_JSON,
                Optional.empty(),
                NOW);
        return pipeline.accept(message).toCompletableFuture();
    }
}
