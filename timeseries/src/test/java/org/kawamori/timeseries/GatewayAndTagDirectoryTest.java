package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.timeseries.fixtures.OnBothServers;

class GatewayAndTagDirectoryTest extends OnBothServers {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");

    private PostgresGatewayRegistry gateways;
    private TagRegistry tags;

    @BeforeEach
    void registries() {
        gateways = new PostgresGatewayRegistry(db.dataSource(), 1_000);
        tags = new TagRegistry(db.dataSource());
    }

    @Test
    void aFixedGatewayIsFoundWithItsPositionAndItsSecretIsKeptAsAHashOnly() throws Exception {
        Gateway camera = new Gateway(
                DeviceId.of("cam-0142"), KAKOGAWA, GatewayKind.FIXED, Optional.of(new GeoPoint(34.76, 134.84)), true);

        gateways.register(camera, "camera at Kakogawa station", Optional.of("gw-secret".toCharArray()));

        assertThat(gateways.findGateway(DeviceId.of("cam-0142"))).contains(camera);
        assertThat(gateways.verify(DeviceId.of("cam-0142"), "gw-secret".toCharArray()))
                .isTrue();
        assertThat(gateways.verify(DeviceId.of("cam-0142"), "wrong".toCharArray()))
                .isFalse();
        try (var c = db.dataSource().getConnection();
                var s = c.createStatement();
                var rows = s.executeQuery("select secret_hash from gateway")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("pbkdf2-sha256$").doesNotContain("gw-secret");
        }
    }

    @Test
    void aPhoneHasNoRegisteredPositionAndADisabledGatewayCannotLogIn() {
        Gateway phone = new Gateway(DeviceId.of("phone-7f3a"), TAKASAGO, GatewayKind.PHONE, Optional.empty(), false);

        gateways.register(phone, null, Optional.of("tok".toCharArray()));

        assertThat(gateways.findGateway(DeviceId.of("phone-7f3a"))).contains(phone);
        assertThat(gateways.verify(DeviceId.of("phone-7f3a"), "tok".toCharArray()))
                .isFalse();
        assertThat(gateways.findGateway(DeviceId.of("nobody"))).isEmpty();
    }

    @Test
    void aFixedGatewayWithoutAPositionIsRefused() {
        assertThatThrownBy(() -> new Gateway(DeviceId.of("cam-1"), KAKOGAWA, GatewayKind.FIXED, Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDirectoryAnswersABatchWithTheEnabledRegisteredTagsOnly() {
        tags.register(new TagId("tag-a"), KAKOGAWA, null, true);
        tags.register(new TagId("tag-b"), TAKASAGO, null, true);
        tags.register(new TagId("tag-off"), KAKOGAWA, null, false);

        assertThat(tags.municipalitiesOf(List.of(
                        new TagId("tag-a"),
                        new TagId("tag-b"),
                        new TagId("tag-off"),
                        new TagId("stranger"),
                        new TagId("tag-a"))))
                .containsOnly(
                        org.assertj.core.api.Assertions.entry(new TagId("tag-a"), KAKOGAWA),
                        org.assertj.core.api.Assertions.entry(new TagId("tag-b"), TAKASAGO));
        assertThat(tags.municipalitiesOf(List.of())).isEmpty();
    }
}
