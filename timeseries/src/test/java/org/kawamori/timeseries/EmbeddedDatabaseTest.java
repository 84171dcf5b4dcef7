package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.ingest.DeadLetter;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.StoreUnavailableException;

class EmbeddedDatabaseTest {

    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    private final Path dataDirectory = Path.of("target", "embedded-postgres", "restart-" + UUID.randomUUID());

    @AfterEach
    void deleteDataDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRestartOnTheSameDataDirectoryKeepsTheRows() throws IOException {
        try (EmbeddedDatabase server = EmbeddedDatabase.start(dataDirectory);
                Database db = new Database(server.config())) {
            new PostgresSensorRegistry(db.dataSource(), 1_000)
                    .register(givenSensor("kunikane").build(), Optional.of("s3cret".toCharArray()));
            new PostgresReadingStore(db.dataSource()).append(List.of(level(0, 1.5), level(10, 1.6)));
            new PostgresDeadLetterStore(db.dataSource())
                    .record(new DeadLetter(
                            T0, Transport.COAP, "/s/x", null, RejectionReason.EMPTY_PAYLOAD, "empty", new byte[0], 0));
        }

        try (EmbeddedDatabase server = EmbeddedDatabase.start(dataDirectory);
                Database db = new Database(server.config())) {
            PostgresSensorRegistry registry = new PostgresSensorRegistry(db.dataSource());
            assertThat(registry.verify(DeviceId.of("kunikane"), "s3cret".toCharArray()))
                    .isTrue();
            assertThat(new PostgresReadingStore(db.dataSource())
                            .readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(60), 10))
                    .containsExactly(level(0, 1.5), level(10, 1.6));
            assertThat(new PostgresDeadLetterStore(db.dataSource()).count()).isEqualTo(1);
        }
    }

    @Test
    void theServerRunsDurablyAndListensOnLoopbackOnly() throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.start(dataDirectory);
                Database db = new Database(server.config())) {
            assertThat(server.config().jdbcUrl())
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/kawamori");
            assertThat(setting(db, "fsync")).isEqualTo("on");
            assertThat(setting(db, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(db, "full_page_writes")).isEqualTo("on");
            assertThat(setting(db, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();
        }
    }

    @Test
    void theStoreIsUnavailableWhileTheServerIsDownAndRecoversWhenItIsBack() throws IOException {
        EmbeddedDatabase server = EmbeddedDatabase.start(dataDirectory);
        int port = server.port();
        try (Database db = new Database(server.config().withConnectionTimeout(Duration.ofSeconds(1)))) {
            new PostgresSensorRegistry(db.dataSource(), 1_000)
                    .register(givenSensor("kunikane").build(), Optional.empty());
            PostgresReadingStore store = new PostgresReadingStore(db.dataSource());
            DatabaseHealth health = new DatabaseHealth(db.dataSource());
            assertThat(store.append(List.of(level(0, 1.0)))).isEqualTo(1);

            server.close();

            assertThatThrownBy(() -> store.append(List.of(level(10, 1.1))))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(health.check().up()).isFalse();

            server = EmbeddedDatabase.start(dataDirectory, port);

            assertThat(health.check()).matches(HealthIndicator.Health::up, "database up");
            assertThat(store.append(List.of(level(10, 1.1)))).isEqualTo(1);
            assertThat(store.readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(60), 10))
                    .hasSize(2);
        } finally {
            server.close();
        }
    }

    private static String setting(Database db, String name) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                // the names are constants of this test
                ResultSet rows = s.executeQuery("show " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Reading level(int secondsAfterT0, double metres) {
        return new Reading(
                DeviceId.of("kunikane"),
                MunicipalityCode.of("282103"),
                T0.plusSeconds(secondsAfterT0),
                Quantity.WATER_LEVEL,
                metres);
    }
}
