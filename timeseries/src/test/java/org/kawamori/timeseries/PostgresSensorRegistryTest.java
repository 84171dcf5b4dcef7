package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresSensorRegistryTest extends OnBothServers {

    /** Few PBKDF2 iterations keep the tests fast; verifying reads the count from the stored hash. */
    private static final int FAST_HASH = 1_000;

    private PostgresSensorRegistry registry;

    @BeforeEach
    void newRegistry() {
        registry = new PostgresSensorRegistry(db.dataSource(), FAST_HASH);
    }

    @Test
    void aRegisteredSensorIsFoundWithEverythingAboutIt() {
        Sensor sensor = givenSensor("nishiwaki-underpass-3")
                .in("282138")
                .inundationSensor()
                .at(34.9911, 134.9721)
                .named("西脇 アンダーパス 3")
                .experimental()
                .build();

        registry.register(sensor, Optional.empty());

        assertThat(registry.findSensor(sensor.id())).contains(sensor);
    }

    @Test
    void anUnregisteredSensorIsNotFound() {
        assertThat(registry.findSensor(DeviceId.of("ghost"))).isEmpty();
    }

    @Test
    void sensorsListsEnabledAndDisabledSensorsOrderedById() {
        registry.register(givenSensor("c-gauge").build(), Optional.empty());
        registry.register(givenSensor("a-gauge").disabled().build(), Optional.empty());
        registry.register(givenSensor("b-gauge").build(), Optional.empty());

        assertThat(registry.sensors())
                .extracting(s -> s.id().value(), Sensor::enabled)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a-gauge", false),
                        org.assertj.core.groups.Tuple.tuple("b-gauge", true),
                        org.assertj.core.groups.Tuple.tuple("c-gauge", true));
    }

    @Test
    void registeringAgainUpdatesTheSensorAndKeepsItsPassword() {
        registry.register(givenSensor("kunikane").build(), Optional.of("first-secret".toCharArray()));
        Sensor moved = givenSensor("kunikane")
                .in("282162")
                .inundationSensor()
                .at(34.7651, 134.7906)
                .named("高砂 moved")
                .experimental()
                .build();

        registry.register(moved, Optional.empty());

        assertThat(registry.findSensor(moved.id())).contains(moved);
        assertThat(registry.sensors()).hasSize(1);
        assertThat(registry.verify(moved.id(), "first-secret".toCharArray())).isTrue();
    }

    @Test
    void registeringWithANewPasswordReplacesTheOldOne() {
        registry.register(givenSensor("kunikane").build(), Optional.of("old-secret".toCharArray()));

        registry.register(givenSensor("kunikane").build(), Optional.of("new-secret".toCharArray()));

        assertThat(registry.verify(DeviceId.of("kunikane"), "new-secret".toCharArray()))
                .isTrue();
        assertThat(registry.verify(DeviceId.of("kunikane"), "old-secret".toCharArray()))
                .isFalse();
    }

    @Test
    void theRightPasswordIsAccepted() {
        registry.register(givenSensor("kunikane").build(), Optional.of("s3cret".toCharArray()));

        assertThat(registry.verify(DeviceId.of("kunikane"), "s3cret".toCharArray()))
                .isTrue();
    }

    @Test
    void aWrongPasswordIsRefused() {
        registry.register(givenSensor("kunikane").build(), Optional.of("s3cret".toCharArray()));

        assertThat(registry.verify(DeviceId.of("kunikane"), "s3cret!".toCharArray()))
                .isFalse();
        assertThat(registry.verify(DeviceId.of("kunikane"), new char[0])).isFalse();
    }

    @Test
    void aDisabledDeviceIsRefusedEvenWithTheRightPassword() {
        registry.register(givenSensor("kunikane").build(), Optional.of("s3cret".toCharArray()));

        registry.setEnabled(DeviceId.of("kunikane"), false);

        assertThat(registry.verify(DeviceId.of("kunikane"), "s3cret".toCharArray()))
                .isFalse();
        assertThat(registry.findSensor(DeviceId.of("kunikane")))
                .hasValueSatisfying(s -> assertThat(s.enabled()).isFalse());
    }

    @Test
    void aDeviceEnabledAgainIsAcceptedAgain() {
        registry.register(givenSensor("kunikane").disabled().build(), Optional.of("s3cret".toCharArray()));

        registry.setEnabled(DeviceId.of("kunikane"), true);

        assertThat(registry.verify(DeviceId.of("kunikane"), "s3cret".toCharArray()))
                .isTrue();
    }

    @Test
    void anUnknownDeviceIsRefused() {
        assertThat(registry.verify(DeviceId.of("ghost"), "s3cret".toCharArray()))
                .isFalse();
    }

    @Test
    void aDeviceWithoutPasswordIsRefused() {
        registry.register(givenSensor("kunikane").build(), Optional.empty());

        assertThat(registry.verify(DeviceId.of("kunikane"), "".toCharArray())).isFalse();
        assertThat(registry.verify(DeviceId.of("kunikane"), "anything".toCharArray()))
                .isFalse();
    }

    @Test
    void thePasswordIsStoredOnlyAsAHash() throws SQLException {
        registry.register(givenSensor("kunikane").build(), Optional.of("s3cret".toCharArray()));

        assertThat(storedHash("kunikane")).startsWith("pbkdf2-sha256$1000$").doesNotContain("s3cret");
    }

    @Test
    void theDefaultRegistryHashesWithTheDefaultIterations() throws SQLException {
        new PostgresSensorRegistry(db.dataSource())
                .register(givenSensor("kunikane").build(), Optional.of("s3cret".toCharArray()));

        assertThat(storedHash("kunikane")).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    void enablingAnUnknownDeviceFails() {
        assertThatThrownBy(() -> registry.setEnabled(DeviceId.of("ghost"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void aSensorOutsideTheKnownMunicipalitiesIsRefused() {
        Sensor inKobe = givenSensor("kobe-1")
                .in(MunicipalityCode.fromFiveDigits("28100").value())
                .build();

        assertThatThrownBy(() -> registry.register(inKobe, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("municipality 281000 is not known");
        assertThat(registry.sensors()).isEmpty();
    }

    @Test
    void everyKindCanBeRegistered() {
        for (SensorKind kind : SensorKind.values()) {
            Sensor sensor = new Sensor(
                    DeviceId.of("kind-" + kind.name().toLowerCase().replace('_', '-')),
                    MunicipalityCode.of("283657"),
                    kind,
                    "Taka " + kind,
                    new org.kawamori.core.GeoPoint(35.05, 134.92),
                    false,
                    true);
            registry.register(sensor, Optional.empty());
            assertThat(registry.findSensor(sensor.id())).contains(sensor);
        }
    }

    private static String storedHash(String device) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("select mqtt_password_hash from device where id = ?")) {
            q.setString(1, device);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
