package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.TagId;
import org.kawamori.core.port.StoreRefusedException;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.timeseries.fixtures.OnBothServers;

class BatchedWriterTest extends OnBothServers {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void registerSensors() {
        PostgresSensorRegistry registry = new PostgresSensorRegistry(db.dataSource(), 1_000);
        for (int i = 0; i < 20; i++) {
            registry.register(givenSensor("gauge-" + i).gauge().build(), Optional.empty());
        }
    }

    @AfterEach
    void closeWriters() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void messagesFromManyThreadsShareFewTransactionsAndAreAllStored() throws Exception {
        BatchedWriter<Reading> writer = readingWriter(WriterConfig.defaults().withMaxDelay(Duration.ofMillis(50)));
        ExecutorService transports = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> acks = new ArrayList<>();
            for (int m = 0; m < 400; m++) {
                List<Reading> message = message("gauge-" + (m % 20), m);
                acks.add(transports.submit(() -> writer.write(message)));
            }
            int fresh = 0;
            for (Future<Integer> ack : acks) {
                fresh += ack.get(30, TimeUnit.SECONDS);
            }

            assertThat(fresh).isEqualTo(800);
            assertThat(count("reading")).isEqualTo(800);
            WriterStats stats = writer.stats();
            assertThat(stats.rows()).isEqualTo(800);
            assertThat(stats.batches()).isLessThan(400);
            assertThat(stats.queuedRows()).isZero();
        } finally {
            transports.shutdownNow();
        }
    }

    @Test
    void aRedeliveredMessageIsStoredOnceWhetherItArrivesInTheSameBatchOrLater() throws Exception {
        BatchedWriter<Reading> writer = readingWriter(WriterConfig.defaults().withMaxDelay(Duration.ofMillis(200)));
        List<Reading> message = message("gauge-1", 0);

        CompletableFuture<Integer> first = writer.submit(message);
        CompletableFuture<Integer> sameBatch = writer.submit(message);
        int later = writer.write(message);

        assertThat(first.get(10, TimeUnit.SECONDS) + sameBatch.get(10, TimeUnit.SECONDS))
                .isEqualTo(2);
        assertThat(later).isZero();
        assertThat(count("reading")).isEqualTo(2);
        assertThat(writer.write(message("gauge-1", 1)))
                .as("new rows after a redelivery")
                .isEqualTo(2);
        assertThat(count("reading")).isEqualTo(4);
    }

    @Test
    void aRefusedMessageFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        BatchedWriter<Reading> writer = readingWriter(WriterConfig.defaults().withMaxDelay(Duration.ofMillis(200)));

        CompletableFuture<Integer> before = writer.submit(message("gauge-1", 0));
        CompletableFuture<Integer> unknownDevice = writer.submit(message("never-registered", 0));
        CompletableFuture<Integer> after = writer.submit(message("gauge-2", 0));

        assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThatThrownBy(() -> unknownDevice.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("23503")
                .hasMessageContaining("reading_device_id_fkey");
        assertThat(count("reading")).isEqualTo(4);
        assertThat(writer.stats().refused()).isEqualTo(1);
    }

    @Test
    void whileTheTableIsLockedSubmittersWaitForRoomAndNothingIsLostWhenItIsReleased() throws Exception {
        WriterConfig small = WriterConfig.defaults()
                .withMaxBatchRows(10)
                .withMaxQueuedRows(20)
                .withQueueTimeout(Duration.ofMillis(300))
                .withCommitTimeout(Duration.ofSeconds(30));
        BatchedWriter<Reading> writer = readingWriter(small);
        List<CompletableFuture<Integer>> accepted = new ArrayList<>();
        int turnedAway = 0;
        try (Connection locker = db.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("lock table reading in access exclusive mode");
            }
            for (int m = 0; m < 30; m++) {
                CompletableFuture<Integer> ack = writer.submit(message("gauge-" + (m % 20), m));
                if (ack.isCompletedExceptionally()) {
                    assertThatThrownBy(ack::join).cause().isInstanceOf(StoreUnavailableException.class);
                    turnedAway++;
                } else {
                    accepted.add(ack);
                }
                assertThat(writer.stats().queuedRows()).isLessThanOrEqualTo(20);
            }
            assertThat(accepted).noneMatch(CompletableFuture::isDone);
            locker.rollback();
        }
        int fresh = 0;
        for (CompletableFuture<Integer> ack : accepted) {
            fresh += ack.get(30, TimeUnit.SECONDS);
        }

        assertThat(turnedAway).isPositive();
        assertThat(accepted).hasSize(30 - turnedAway);
        assertThat(fresh).isEqualTo(2 * accepted.size());
        assertThat(count("reading")).isEqualTo(2L * accepted.size());
        assertThat(writer.stats().queueFull()).isEqualTo(turnedAway);
    }

    @Test
    void aMessageThatCannotBeCommittedInTimeFailsAsUnavailableAndIsNotStored() throws Exception {
        BatchedWriter<Reading> writer =
                readingWriter(WriterConfig.defaults().withCommitTimeout(Duration.ofMillis(500)));
        try (Connection locker = db.dataSource().getConnection();
                Statement s = locker.createStatement()) {
            locker.setAutoCommit(false);
            s.execute("lock table reading in access exclusive mode");
            // the writer's COPY waits for the lock until its statement timeout (the commit timeout)
            CompletableFuture<Integer> ack = writer.submit(message("gauge-1", 0));

            assertThatThrownBy(() -> ack.get(20, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("not committed within 500 ms");
            locker.rollback();
        }
        assertThat(count("reading")).isZero();
        assertThat(writer.stats().expired()).isEqualTo(1);
        assertThat(writer.write(message("gauge-1", 0)))
                .as("written once the lock is gone")
                .isEqualTo(2);
    }

    @Test
    void detectionsAreBatchedAndARedeliveredDetectionIsStoredOnce() throws Exception {
        BatchedWriter<Detection> writer = BatchedWriter.detections(db.dataSource(), WriterConfig.defaults());
        toClose.add(writer);
        List<Detection> batch = List.of(heard("tag-1", 0, Double.NaN), heard("tag-2", 0, 12.5));

        assertThat(writer.write(batch)).isEqualTo(2);
        assertThat(writer.write(batch)).isZero();

        DetectionStore store = new DetectionStore(db.dataSource());
        List<Detection> trail = store.trail(new TagId("tag-1"), T0, T0.plusSeconds(60), 10);
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).accuracyMetres())
                .as("unknown accuracy stays unknown")
                .isNaN();
        assertThat(store.trail(new TagId("tag-2"), T0, T0.plusSeconds(60), 10)
                        .get(0)
                        .accuracyMetres())
                .isEqualTo(12.5);
    }

    @Test
    void closingWritesWhatIsQueuedAndTurnsLaterMessagesAway() throws Exception {
        BatchedWriter<Reading> writer =
                BatchedWriter.readings(db.dataSource(), WriterConfig.defaults().withMaxDelay(Duration.ofMillis(300)));
        CompletableFuture<Integer> queued = writer.submit(message("gauge-3", 0));

        writer.close();

        assertThat(queued).isCompletedWithValue(2);
        assertThatThrownBy(() -> writer.write(message("gauge-3", 1))).isInstanceOf(StoreUnavailableException.class);
        assertThat(count("reading")).isEqualTo(2);
    }

    private BatchedWriter<Reading> readingWriter(WriterConfig config) {
        BatchedWriter<Reading> writer = BatchedWriter.readings(db.dataSource(), config);
        toClose.add(writer);
        return writer;
    }

    /** One message of a gauge: its level and battery at T0 + n minutes. */
    private static List<Reading> message(String device, int n) {
        Instant time = T0.plusSeconds(60L * n);
        return List.of(
                new Reading(DeviceId.of(device), KAKOGAWA, time, Quantity.WATER_LEVEL, 1.0 + n / 100.0),
                new Reading(DeviceId.of(device), KAKOGAWA, time, Quantity.BATTERY, 90));
    }

    private static Detection heard(String tag, int second, double accuracy) {
        return new Detection(
                new TagId(tag),
                TAKASAGO,
                DeviceId.of("cam-0001"),
                KAKOGAWA,
                T0.plusSeconds(second),
                new GeoPoint(34.75, 134.84),
                accuracy,
                -70);
    }

    private static long count(String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
