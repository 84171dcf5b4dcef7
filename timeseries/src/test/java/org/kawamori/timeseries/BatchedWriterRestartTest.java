package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * The database goes away in the middle of a stream and comes back on the same data directory. Each
 * producer behaves like an MQTT session: a message whose commit failed is not acknowledged and comes
 * again, until it is committed.
 */
class BatchedWriterRestartTest {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final int PRODUCERS = 4;
    private static final int MESSAGES_EACH = 300;

    private final Path dataDirectory = Path.of("target", "embedded-postgres", "writer-restart-" + UUID.randomUUID());

    @AfterEach
    void deleteDataDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyMessageOfAStreamIsStoredExactlyOnceAcrossADatabaseRestart() throws Exception {
        EmbeddedDatabase server = EmbeddedDatabase.start(dataDirectory);
        int port = server.port();
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        WriterConfig config = WriterConfig.defaults().withCommitTimeout(Duration.ofSeconds(2));
        try (Database db = new Database(server.config().withConnectionTimeout(Duration.ofSeconds(1)));
                BatchedWriter<Reading> writer = BatchedWriter.readings(db.dataSource(), config)) {
            PostgresSensorRegistry registry = new PostgresSensorRegistry(db.dataSource(), 1_000);
            for (int p = 0; p < PRODUCERS; p++) {
                registry.register(givenSensor("gauge-" + p).gauge().build(), Optional.empty());
            }
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicInteger redeliveries = new AtomicInteger();
            List<Future<?>> streams = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                String device = "gauge-" + p;
                streams.add(producers.submit(() -> {
                    for (int m = 0; m < MESSAGES_EACH; m++) {
                        List<Reading> message = message(device, m);
                        while (true) {
                            try {
                                writer.write(message);
                                acknowledged.incrementAndGet();
                                break;
                            } catch (StoreUnavailableException notAcknowledged) {
                                redeliveries.incrementAndGet();
                                pause(50);
                            }
                        }
                        pause(2);
                    }
                    return null;
                }));
            }

            awaitAcknowledged(acknowledged, 200);
            server.close();
            pause(2_500);
            assertThat(writer.health().check().up())
                    .as("writer health while the database is down")
                    .isFalse();
            int acknowledgedWhileDown = acknowledged.get();
            pause(500);
            assertThat(acknowledged.get())
                    .as("nothing is acknowledged while the database is down")
                    .isEqualTo(acknowledgedWhileDown);
            server = EmbeddedDatabase.start(dataDirectory, port);

            for (Future<?> stream : streams) {
                stream.get(120, TimeUnit.SECONDS);
            }

            assertThat(acknowledged.get()).isEqualTo(PRODUCERS * MESSAGES_EACH);
            assertThat(redeliveries.get()).as("messages that had to come again").isPositive();
            assertThat(writer.stats().failedAttempts()).isPositive();
            assertThat(writer.health().check().up()).isTrue();
            assertThat(storedKeys(db)).hasSize(PRODUCERS * MESSAGES_EACH * 2).isEqualTo(expectedKeys());
        } finally {
            producers.shutdownNow();
            server.close();
        }
    }

    private static void awaitAcknowledged(AtomicInteger acknowledged, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(acknowledged.get()).isGreaterThanOrEqualTo(atLeast);
    }

    private static List<Reading> message(String device, int n) {
        Instant time = T0.plusSeconds(60L * n);
        return List.of(
                new Reading(DeviceId.of(device), KAKOGAWA, time, Quantity.WATER_LEVEL, 1.0 + n / 1000.0),
                new Reading(DeviceId.of(device), KAKOGAWA, time, Quantity.BATTERY, 90));
    }

    private static Set<String> expectedKeys() {
        Set<String> keys = new HashSet<>();
        for (int p = 0; p < PRODUCERS; p++) {
            for (int m = 0; m < MESSAGES_EACH; m++) {
                for (Reading r : message("gauge-" + p, m)) {
                    keys.add(r.device().value() + "|" + r.quantity().senmlName() + "|" + r.time());
                }
            }
        }
        return keys;
    }

    /** Every stored row's key, as a list: a duplicate would show as a longer list than the set. */
    private static List<String> storedKeysList(Database db) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select device_id, quantity, time from reading")) {
            while (rows.next()) {
                keys.add(rows.getString(1) + "|" + rows.getString(2) + "|" + SqlTimes.get(rows, "time"));
            }
        }
        return keys;
    }

    private static Set<String> storedKeys(Database db) throws SQLException {
        List<String> list = storedKeysList(db);
        Set<String> set = new HashSet<>(list);
        assertThat(list).as("no row twice").hasSize(set.size());
        return set;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
