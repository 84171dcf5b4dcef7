package org.kawamori.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.InboundPipeline;
import org.kawamori.core.port.StoreUnavailableException;

class SubjectOrderedPipelineTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final HeldPipeline held = new HeldPipeline();
    private final SubjectOrderedPipeline pipeline = new SubjectOrderedPipeline(held, workers);

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void theSecondMessageOfAGaugeStartsOnlyWhenTheFirstIsDone() {
        CompletionStage<IngestResult> first = pipeline.accept(fromSensor("kunikane", "1"));
        CompletionStage<IngestResult> second = pipeline.accept(fromSensor("kunikane", "2"));

        await().until(() -> held.started().contains("1"));
        assertThat(held.started()).containsExactly("1");

        held.finish("1");
        await().until(() -> held.started().contains("2"));
        assertThat(first.toCompletableFuture()).isCompletedWithValue(new IngestResult.Accepted(1));
        assertThat(second.toCompletableFuture()).isNotDone();

        held.finish("2");
        await().until(() -> second.toCompletableFuture().isDone());
        assertThat(pipeline.subjectsInFlight()).isZero();
    }

    @Test
    void messagesOfDifferentSubjectsRunAtTheSameTime() {
        pipeline.accept(fromSensor("kunikane", "a"));
        pipeline.accept(fromSensor("itami", "b"));
        pipeline.accept(fromGateway("cam-0142", "c"));

        await().until(() -> held.started().size() == 3);
        assertThat(held.started()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(pipeline.subjectsInFlight()).isEqualTo(3);
    }

    @Test
    void aGatewayAndASensorWithTheSameIdAreDifferentSubjects() {
        pipeline.accept(fromSensor("x-1", "sensor"));
        pipeline.accept(fromGateway("x-1", "gateway"));

        await().until(() -> held.started().size() == 2);
    }

    @Test
    void aFailedMessageFailsAloneAndTheNextOfItsSubjectStillRuns() {
        CompletionStage<IngestResult> failing = pipeline.accept(fromSensor("kunikane", "down"));
        CompletionStage<IngestResult> next = pipeline.accept(fromSensor("kunikane", "next"));

        await().until(() -> held.started().contains("down"));
        held.fail("down");
        await().until(() -> held.started().contains("next"));
        held.finish("next");

        await().until(() -> next.toCompletableFuture().isDone());
        assertThat(failing.toCompletableFuture()).isCompletedExceptionally();
        assertThat(next.toCompletableFuture()).isCompletedWithValue(new IngestResult.Accepted(1));
    }

    @Test
    void aPipelineThatThrowsAtOnceFailsThatMessageOnly() {
        InboundPipeline throwing = message -> {
            throw new IllegalStateException("broken (test)");
        };
        SubjectOrderedPipeline ordered = new SubjectOrderedPipeline(throwing, workers);

        CompletableFuture<IngestResult> result =
                ordered.accept(fromSensor("kunikane", "x")).toCompletableFuture();

        await().until(result::isDone);
        assertThat(result).isCompletedExceptionally();
        assertThat(ordered.subjectsInFlight()).isZero();
    }

    @Test
    void aMessageThatNamesNoDeviceRunsAtOnce() {
        pipeline.accept(fromSensor("kunikane", "held"));
        pipeline.accept(message(new DeviceAddress.Unaddressed("no device in the topic"), "lost"));

        await().until(() -> held.started().size() == 2);
    }

    @Test
    void manyMessagesOfOneSubjectRunInTheOrderTheyCame() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        InboundPipeline recording = message -> CompletableFuture.supplyAsync(
                () -> {
                    order.add(new String(message.payload()));
                    return new IngestResult.Accepted(1);
                },
                CompletableFuture.delayedExecutor((long) (Math.random() * 2), TimeUnit.MILLISECONDS, workers));
        SubjectOrderedPipeline ordered = new SubjectOrderedPipeline(recording, workers);

        CompletableFuture<?> last = null;
        for (int i = 0; i < 300; i++) {
            last = ordered.accept(fromSensor("kunikane", String.valueOf(i))).toCompletableFuture();
        }
        last.get(10, TimeUnit.SECONDS);

        assertThat(order).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(order.get(i)).isEqualTo(String.valueOf(i));
        }
    }

    private static InboundMessage fromSensor(String device, String label) {
        return message(DeviceAddress.of(DeviceId.of(device)), label);
    }

    private static InboundMessage fromGateway(String gateway, String label) {
        return message(new DeviceAddress.GatewayBatch(Optional.empty(), DeviceId.of(gateway)), label);
    }

    private static InboundMessage message(DeviceAddress address, String label) {
        return new InboundMessage(
                Transport.MQTT,
                "test",
                address,
                label.getBytes(),
                InboundMessage.SENML_JSON,
                Optional.empty(),
                Instant.parse("2026-11-23T01:00:00Z"));
    }

    /** A pipeline that holds every message until the test finishes or fails it by its label. */
    private static final class HeldPipeline implements InboundPipeline {
        private final Map<String, CompletableFuture<IngestResult>> running = new ConcurrentHashMap<>();
        private final List<String> started = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<IngestResult> accept(InboundMessage message) {
            String label = new String(message.payload());
            CompletableFuture<IngestResult> result = new CompletableFuture<>();
            running.put(label, result);
            started.add(label);
            return result;
        }

        List<String> started() {
            return started;
        }

        void finish(String label) {
            running.get(label).complete(new IngestResult.Accepted(1));
        }

        void fail(String label) {
            running.get(label).completeExceptionally(new StoreUnavailableException("down (test)", null));
        }
    }
}
