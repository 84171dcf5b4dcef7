package org.kawamori.timeseries;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.port.RegistryAdmin;
import org.kawamori.core.registry.EntryType;
import org.kawamori.core.registry.RegistryEntry;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresRegistryAdminTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final byte[] KEY = "gateway-dtls-key".getBytes(UTF_8);

    private final PskSealer sealer = PskSealer.fromBase64(PskSealer.newMasterKey());
    private PostgresRegistryAdmin admin;

    @BeforeEach
    void admin() {
        admin = new PostgresRegistryAdmin(db.dataSource(), Optional.of(sealer), 1_000);
    }

    @Test
    void anImportIsOneTransactionSoOneEntryTheDatabaseRefusesLeavesNothingStored() throws SQLException {
        List<RegistryEntry> entries = List.of(
                sensor("kunikane", "282103", "s3cret"),
                camera("cam-0142", "gw-s3cret"),
                tag("child-tag-1", KAKOGAWA),
                // Chiyoda (Tokyo): a valid code, but not a municipality of this basin's database
                sensor("elsewhere", "131016", null));

        assertThatThrownBy(() -> admin.register(entries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensor elsewhere: municipality 131016 is not known");

        assertThat(count("device") + count("gateway") + count("tag")).isZero();
    }

    @Test
    void anImportCountsWhatIsNewAndAReplacedDeviceWithoutASecretKeepsItsOldOne() {
        RegistryAdmin.Stored first =
                admin.register(List.of(sensor("kunikane", "282103", "s3cret"), tag("child-tag-1", KAKOGAWA)));
        RegistryAdmin.Stored again = admin.register(List.of(sensor("kunikane", "282103", null)));

        assertThat(first).isEqualTo(new RegistryAdmin.Stored(1, 0, 1, 2));
        assertThat(again).isEqualTo(new RegistryAdmin.Stored(1, 0, 0, 0));
        assertThat(new PostgresSensorRegistry(db.dataSource()).verify(DeviceId.of("kunikane"), "s3cret".toCharArray()))
                .isTrue();
    }

    @Test
    void theListsSayWhetherASecretAndADtlsKeyAreSetButCarryNeither() {
        admin.register(List.of(
                sensor("kunikane", "282103", "s3cret"),
                sensor("ichiba", "282103", null),
                camera("cam-0142", "gw-s3cret"),
                phone("phone-7f3a")));
        admin.setPsk(EntryType.SENSOR, DeviceId.of("kunikane"), KEY.clone());
        admin.setPsk(EntryType.GATEWAY, DeviceId.of("phone-7f3a"), KEY.clone());

        assertThat(admin.sensors())
                .extracting(r -> r.sensor().id().value() + " secret=" + r.hasSecret() + " psk=" + r.hasPsk())
                .containsExactly("ichiba secret=false psk=false", "kunikane secret=true psk=true");
        assertThat(admin.gateways())
                .extracting(r -> r.gateway().id().value() + " " + r.name().orElse("-") + " secret=" + r.hasSecret()
                        + " psk=" + r.hasPsk())
                .containsExactly("cam-0142 駅前 secret=true psk=false", "phone-7f3a - secret=false psk=true");
        assertThat(admin.sensors().toString() + admin.gateways()).doesNotContain("s3cret", "gateway-dtls-key");
    }

    @Test
    void listingTheTagsOfAMunicipalityWritesWhoWhenAndWhyToTheAuditLogButNoTagId() throws SQLException {
        admin.register(
                List.of(tag("child-tag-1", KAKOGAWA), tag("child-tag-2", KAKOGAWA), tag("takasago-tag", TAKASAGO)));
        Instant before = Instant.now().minusSeconds(1);

        List<RegistryAdmin.TagRow> rows = admin.tags(
                KAKOGAWA,
                new RegistryAdmin.Access("admin-token", Optional.of("family moved away"), Optional.of("127.0.0.1")));

        assertThat(rows).extracting(r -> r.tag().value()).containsExactly("child-tag-1", "child-tag-2");
        assertThat(admin.tagCounts()).containsEntry(KAKOGAWA, 2).containsEntry(TAKASAGO, 1);
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet audit = s.executeQuery(
                        "select actor, action, municipality, purpose, origin, detail, at from audit_log")) {
            assertThat(audit.next()).isTrue();
            assertThat(audit.getString("actor")).isEqualTo("admin-token");
            assertThat(audit.getString("action")).isEqualTo("list-tags");
            assertThat(audit.getString("municipality")).isEqualTo("282103");
            assertThat(audit.getString("purpose")).isEqualTo("family moved away");
            assertThat(audit.getString("origin")).isEqualTo("127.0.0.1");
            assertThat(audit.getString("detail")).isEqualTo("2 tag(s)").doesNotContain("child-tag");
            assertThat(audit.getTimestamp("at").toInstant())
                    .isBetween(before, Instant.now().plusSeconds(1));
            assertThat(audit.next()).as("one row per read").isFalse();
        }
        assertThat(rows.toString()).doesNotContain("child-tag");
    }

    @Test
    void aGatewaysDtlsKeyOpensForItsIdentityOnlyWhileItIsEnabledAndNotWhenCopiedFromASensor() throws SQLException {
        admin.register(List.of(sensor("kunikane", "282103", null), phone("phone-7f3a")));
        PostgresDevicePsks psks = new PostgresDevicePsks(db.dataSource(), sealer);

        admin.setPsk(EntryType.GATEWAY, DeviceId.of("phone-7f3a"), KEY.clone());

        assertThat(psks.pskOf(DeviceId.of("phone-7f3a")))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
        admin.setEnabled(EntryType.GATEWAY, "phone-7f3a", false);
        assertThat(psks.pskOf(DeviceId.of("phone-7f3a"))).isEmpty();

        admin.setPsk(EntryType.SENSOR, DeviceId.of("kunikane"), KEY.clone());
        register(camera("kunikane", null)); // a gateway with the sensor's id
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into gateway_psk (gateway_id, nonce, sealed)"
                    + " select device_id, nonce, sealed from device_psk where device_id = 'kunikane'");
        }
        assertThat(psks.pskOf(DeviceId.of("kunikane")))
                .as("one identity, two keys: ambiguous")
                .isEmpty();
        admin.removePsk(EntryType.SENSOR, DeviceId.of("kunikane"));
        assertThat(psks.pskOf(DeviceId.of("kunikane")))
                .as("sealed for the sensor, not the gateway")
                .isEmpty();
    }

    @Test
    void withoutAMasterKeyNoKeyCanBeStoredButOneCanBeRemoved() {
        admin.register(List.of(sensor("kunikane", "282103", null)));
        admin.setPsk(EntryType.SENSOR, DeviceId.of("kunikane"), KEY.clone());
        PostgresRegistryAdmin keyless = new PostgresRegistryAdmin(db.dataSource(), Optional.empty(), 1_000);

        assertThat(keyless.psksAvailable()).isFalse();
        assertThatThrownBy(() -> keyless.setPsk(EntryType.SENSOR, DeviceId.of("kunikane"), KEY.clone()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KAWAMORI_PSK_MASTER_KEY");
        assertThat(keyless.removePsk(EntryType.SENSOR, DeviceId.of("kunikane"))).isTrue();
        assertThat(keyless.removePsk(EntryType.SENSOR, DeviceId.of("kunikane"))).isFalse();
    }

    @Test
    void unknownDevicesAndTagsCannotBeEnabledOrKeyedAndAShortKeyIsRefused() {
        admin.register(List.of(sensor("kunikane", "282103", null)));

        assertThatThrownBy(() -> admin.setEnabled(EntryType.GATEWAY, "cam-9999", false))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("cam-9999");
        assertThatThrownBy(() -> admin.setEnabled(EntryType.TAG, "nobody's-tag", true))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageNotContaining("nobody");
        assertThatThrownBy(() -> admin.setPsk(EntryType.GATEWAY, DeviceId.of("kunikane"), KEY.clone()))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("no gateway kunikane");
        assertThatThrownBy(() -> admin.setPsk(EntryType.SENSOR, DeviceId.of("kunikane"), new byte[7]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 to 64 bytes");
    }

    private void register(RegistryEntry entry) {
        admin.register(List.of(entry));
    }

    private static RegistryEntry sensor(String id, String municipality, String secret) {
        return new RegistryEntry.SensorEntry(
                0,
                givenSensor(id).in(municipality).build(),
                Optional.ofNullable(secret).map(String::toCharArray));
    }

    private static RegistryEntry camera(String id, String secret) {
        return new RegistryEntry.GatewayEntry(
                0,
                new Gateway(
                        DeviceId.of(id),
                        KAKOGAWA,
                        GatewayKind.FIXED,
                        Optional.of(new GeoPoint(34.757, 134.8412)),
                        true),
                "駅前",
                Optional.ofNullable(secret).map(String::toCharArray));
    }

    private static RegistryEntry phone(String id) {
        return new RegistryEntry.GatewayEntry(
                0,
                new Gateway(DeviceId.of(id), TAKASAGO, GatewayKind.PHONE, Optional.empty(), true),
                null,
                Optional.empty());
    }

    private static RegistryEntry tag(String id, MunicipalityCode municipality) {
        return new RegistryEntry.TagEntry(0, new TagId(id), municipality, null);
    }

    private static int count(String table) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from " + table)) { // table names are constants here
            rows.next();
            return rows.getInt(1);
        }
    }
}
