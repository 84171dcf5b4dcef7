package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Alert;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.NoticeDeadLetters;
import org.kawamori.core.alert.SearchAudit;
import org.kawamori.core.ingest.DeadLetter;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.HealthIndicator.Health;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.timeseries.fixtures.AlertStory;

/** A configuration that points at a closed port: nothing listens there. */
class UnreachableDatabaseTest {

    private static final String PASSWORD = "pw-that-must-not-leak";

    private static DatabaseConfig closedPort;
    private static HikariDataSource pool;

    @BeforeAll
    static void pointAtAClosedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        closedPort = DatabaseConfig.fromJdbcUrl(
                        "jdbc:postgresql://127.0.0.1:" + port + "/kawamori?user=kawamori&password=" + PASSWORD)
                .withConnectionTimeout(Duration.ofMillis(500));
        pool = Database.newPool(closedPort, false);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void appendThrowsStoreUnavailable() {
        Reading reading = new Reading(
                DeviceId.of("kunikane"), MunicipalityCode.of("282103"), Instant.now(), Quantity.WATER_LEVEL, 1.0);

        assertThatThrownBy(() -> new PostgresReadingStore(pool).append(List.of(reading)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("cannot store 1 reading(s)")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void everyStoreOperationThrowsStoreUnavailable() {
        PostgresSensorRegistry registry = new PostgresSensorRegistry(pool, 1_000);
        PostgresDeadLetterStore deadLetters = new PostgresDeadLetterStore(pool);
        DeadLetter letter = new DeadLetter(
                Instant.now(), Transport.MQTT, "t", null, RejectionReason.EMPTY_PAYLOAD, "d", new byte[0], 0);

        assertThatThrownBy(() -> registry.findSensor(DeviceId.of("x"))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> registry.verify(DeviceId.of("x"), new char[] {'a'}))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> registry.register(givenSensor("x").build(), Optional.empty()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> new PostgresReadingStore(pool).latestStates())
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> deadLetters.record(letter)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void everyAlertStoreOperationThrowsStoreUnavailableWithoutThePassword() {
        PostgresAlertStore alerts = new PostgresAlertStore(pool);
        PostgresAlertQueries queries = new PostgresAlertQueries(pool);
        PostgresAlertRules rules = new PostgresAlertRules(pool);
        MunicipalityCode kakogawa = MunicipalityCode.of("282103");
        Instant now = Instant.now();
        AlertStory stage = AlertStory.anAlert(1);
        List<ThrowingCallable> calls = List.of(
                alerts::nextAlertId,
                () -> alerts.record(
                        List.of(stage.opens(now, Alert.Severity.WARNING, 2).toOfficers())),
                alerts::activeAlerts,
                () -> alerts.unpublished(10),
                () -> queries.active(Optional.empty()),
                () -> queries.changedBetween(Optional.of(kakogawa), Instant.EPOCH, now, 10, Optional.empty()),
                () -> new PostgresNoticeDeadLetters(pool)
                        .record(new NoticeDeadLetters.Letter(
                                "alert-1-1", 1, "offline", AlertTransition.OPENED, "webhook", "503", 1, now)),
                () -> new PostgresSearchAudit(pool)
                        .officerRead(new SearchAudit.OfficerRead(1, kakogawa, "officer", now, 0)),
                () -> new PostgresSightingQueries(pool).lastSighting(new TagId("child-tag-1")),
                rules::settings,
                () -> rules.updateSettings(Map.of("battery.low-percent", "15"), Set.of(), "admin", now),
                () -> rules.replaceWatchRules(new TagId("child-tag-1"), List.of()));

        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageNotContaining(PASSWORD)
                    .hasMessageNotContaining("child-tag-1");
        }
    }

    @Test
    void theHealthIsDownWithAShortReasonWithoutThePassword() {
        Health health = new DatabaseHealth(pool).check();

        assertThat(health.up()).isFalse();
        assertThat(health.detail())
                .startsWith("unreachable: ")
                .doesNotContain(PASSWORD)
                .hasSizeLessThan(250);
    }

    @Test
    void theDatabaseDoesNotStartAndSaysWhyWithoutThePassword() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> new Database(closedPort))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:")
                .hasMessageNotContaining(PASSWORD);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
