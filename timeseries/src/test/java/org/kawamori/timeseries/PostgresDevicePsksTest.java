package org.kawamori.timeseries;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresDevicePsksTest extends OnBothServers {

    private static final byte[] KEY = "gauge-a-dtls-key".getBytes(UTF_8);

    private final PskSealer sealer = PskSealer.fromBase64(PskSealer.newMasterKey());
    private PostgresSensorRegistry registry;
    private PostgresDevicePsks psks;

    @BeforeEach
    void devices() {
        registry = new PostgresSensorRegistry(db.dataSource(), 1_000);
        registry.register(givenSensor("gauge-a").gauge().build(), Optional.empty());
        registry.register(givenSensor("gauge-b").gauge().build(), Optional.empty());
        psks = new PostgresDevicePsks(db.dataSource(), sealer);
    }

    @Test
    void aStoredKeyComesBackForItsDeviceAndIsNotInTheTableInClear() throws Exception {
        psks.store(DeviceId.of("gauge-a"), KEY.clone());

        assertThat(psks.pskOf(DeviceId.of("gauge-a")))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
        assertThat(psks.pskOf(DeviceId.of("gauge-b"))).isEmpty();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select sealed from device_psk")) {
            rows.next();
            assertThat(new String(rows.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("gauge-a-dtls-key");
        }
    }

    @Test
    void anotherMasterKeyOrARowCopiedToAnotherDeviceOpensNothing() throws Exception {
        psks.store(DeviceId.of("gauge-a"), KEY.clone());
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into device_psk (device_id, nonce, sealed)"
                    + " select 'gauge-b', nonce, sealed from device_psk where device_id = 'gauge-a'");
        }

        assertThat(psks.pskOf(DeviceId.of("gauge-b"))).as("sealed for gauge-a").isEmpty();
        assertThat(new PostgresDevicePsks(db.dataSource(), PskSealer.fromBase64(PskSealer.newMasterKey()))
                        .pskOf(DeviceId.of("gauge-a")))
                .isEmpty();
    }

    @Test
    void aDisabledDeviceGetsNoKeyAndAnUnknownOneCannotHaveOne() {
        psks.store(DeviceId.of("gauge-a"), KEY.clone());
        registry.setEnabled(DeviceId.of("gauge-a"), false);

        assertThat(psks.pskOf(DeviceId.of("gauge-a"))).isEmpty();
        assertThatThrownBy(() -> psks.store(DeviceId.of("nobody"), KEY.clone()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> psks.store(DeviceId.of("gauge-b"), new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PskSealer.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
}
