package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.TagId;
import org.kawamori.core.registry.EntryType;
import org.kawamori.timeseries.fixtures.OnBothServers;

/**
 * The hot paths' registry lookups come from memory, and a change committed anywhere (this instance,
 * another instance, the registry command, plain SQL) is seen within a moment.
 */
class CachedRegistryTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final Duration MOMENT = Duration.ofSeconds(5);

    private RegistryChanges changes;
    private PostgresSensorRegistry sensors;
    private CachedSensorRegistry cachedSensors;

    @BeforeEach
    void listen() throws InterruptedException {
        changes = RegistryChanges.start(db.config());
        assertThat(changes.awaitListening(MOMENT)).as("LISTEN within 5 s").isTrue();
        sensors = new PostgresSensorRegistry(db.dataSource(), 1_000);
        cachedSensors = new CachedSensorRegistry(sensors, changes);
    }

    @AfterEach
    void stop() {
        changes.close();
    }

    @Test
    void aSensorLookedUpAgainIsAnsweredFromMemory() {
        Sensor gauge = givenSensor("kakogawa-ohashi").in("282103").build();
        committed(() -> sensors.register(gauge, Optional.empty()));

        assertThat(cachedSensors.findSensor(gauge.id())).contains(gauge);
        assertThat(cachedSensors.findSensor(gauge.id())).contains(gauge);
        assertThat(cachedSensors.findSensor(gauge.id())).contains(gauge);

        assertThat(cachedSensors.cache().misses()).as("database lookups").isEqualTo(1);
        assertThat(cachedSensors.cache().hits()).isEqualTo(2);
    }

    @Test
    void aSensorDisabledWithPlainSqlByAnotherClientIsSeenDisabledWithinAMoment() throws SQLException {
        Sensor gauge = givenSensor("kakogawa-ohashi").in("282103").build();
        committed(() -> sensors.register(gauge, Optional.empty()));
        assertThat(cachedSensors.findSensor(gauge.id()).orElseThrow().enabled()).isTrue();

        sql("update device set enabled = false where id = ?", gauge.id().value());

        await().atMost(MOMENT)
                .until(() -> !cachedSensors.findSensor(gauge.id()).orElseThrow().enabled());
    }

    @Test
    void anUnknownDeviceCostsTheDatabaseOneLookupUntilItIsRegistered() {
        DeviceId newcomer = DeviceId.of("takasago-gauge-9");

        for (int i = 0; i < 10; i++) {
            assertThat(cachedSensors.findSensor(newcomer)).isEmpty();
        }
        assertThat(cachedSensors.cache().misses()).isEqualTo(1);

        // registered by another instance: nothing tells this one but the database
        new PostgresSensorRegistry(db.dataSource(), 1_000)
                .register(givenSensor("takasago-gauge-9").in("282162").build(), Optional.empty());

        await().atMost(MOMENT).until(() -> cachedSensors.findSensor(newcomer).isPresent());
    }

    @Test
    void aChangeThroughThisInstancesAdminIsSeenAtOnceWithoutWaitingForTheNotification() {
        Sensor gauge = givenSensor("kakogawa-ohashi").in("282103").build();
        committed(() -> sensors.register(gauge, Optional.empty()));
        assertThat(cachedSensors.findSensor(gauge.id()).orElseThrow().enabled()).isTrue();
        PostgresRegistryAdmin admin =
                new PostgresRegistryAdmin(db.dataSource(), Optional.empty(), 1_000).announcingTo(changes);

        admin.setEnabled(EntryType.SENSOR, gauge.id().value(), false);

        assertThat(cachedSensors.findSensor(gauge.id()).orElseThrow().enabled())
                .as("the very next lookup")
                .isFalse();
    }

    @Test
    void whileTheNotificationsAreLostLookupsGoToTheDatabaseAndCachingResumesAfterReconnecting() throws Exception {
        Sensor gauge = givenSensor("kakogawa-ohashi").in("282103").build();
        committed(() -> sensors.register(gauge, Optional.empty()));
        cachedSensors.findSensor(gauge.id());

        sql(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?",
                "kawamori-registry-changes");
        await().atMost(MOMENT).until(() -> !changes.listening());
        long missesBefore = cachedSensors.cache().misses();
        cachedSensors.findSensor(gauge.id());
        cachedSensors.findSensor(gauge.id());
        assertThat(cachedSensors.cache().misses() - missesBefore)
                .as("every lookup while deaf reads the table")
                .isEqualTo(2);

        assertThat(changes.awaitListening(Duration.ofSeconds(15)))
                .as("reconnected")
                .isTrue();
        sql("update device set enabled = false where id = ?", gauge.id().value());
        await().atMost(MOMENT)
                .until(() -> !cachedSensors.findSensor(gauge.id()).orElseThrow().enabled());
    }

    @Test
    void aGatewayIsCachedAndItsDisablingIsSeen() throws SQLException {
        PostgresGatewayRegistry gateways = new PostgresGatewayRegistry(db.dataSource(), 1_000);
        CachedGatewayRegistry cached = new CachedGatewayRegistry(gateways, changes);
        Gateway camera = new Gateway(
                DeviceId.of("cam-0142"), KAKOGAWA, GatewayKind.FIXED, Optional.of(new GeoPoint(34.76, 134.84)), true);
        committed(() -> gateways.register(camera, "camera", Optional.empty()));

        assertThat(cached.findGateway(camera.id())).contains(camera);
        sql("update gateway set enabled = false where id = ?", "cam-0142");

        await().atMost(MOMENT)
                .until(() -> !cached.findGateway(camera.id()).orElseThrow().enabled());
    }

    @Test
    void aBatchOfTagsIsLookedUpOnceAndUnregisteredBeaconsAreRememberedAsAbsent() throws SQLException {
        TagRegistry tags = new TagRegistry(db.dataSource());
        CachedTagDirectory cached = new CachedTagDirectory(tags, changes);
        committed(2, () -> {
            tags.register(new TagId("tag-child-1"), KAKOGAWA, null, true);
            tags.register(new TagId("tag-elder-2"), KAKOGAWA, null, true);
        });
        List<TagId> heard = List.of(
                new TagId("tag-child-1"),
                new TagId("beacon-of-a-shop"),
                new TagId("tag-elder-2"),
                new TagId("tag-child-1"));

        assertThat(cached.municipalitiesOf(heard)).containsOnlyKeys(new TagId("tag-child-1"), new TagId("tag-elder-2"));
        assertThat(cached.municipalitiesOf(heard)).containsOnlyKeys(new TagId("tag-child-1"), new TagId("tag-elder-2"));
        assertThat(cached.cache().misses())
                .as("three distinct tags, looked up once")
                .isEqualTo(3);
        assertThat(cached.cache().hits()).isEqualTo(3);

        sql("update tag set enabled = false where id = ?", "tag-elder-2");

        await().atMost(MOMENT).until(() -> !cached.municipalitiesOf(heard).containsKey(new TagId("tag-elder-2")));
    }

    /** Runs {@code change} (one statement) and waits until its notification has emptied the caches. */
    private void committed(Runnable change) {
        committed(1, change);
    }

    private void committed(int statements, Runnable change) {
        long before = changes.heard();
        change.run();
        await().atMost(MOMENT).until(() -> changes.heard() >= before + statements);
    }

    private void sql(String statement, String parameter) throws SQLException {
        db.sqlAsAnotherClient(statement, parameter);
    }
}
