package org.kawamori.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.ingest.DeviceAddress;

class MqttTopicsTest {

    @Test
    void aSensorUplinkTopicNamesItsMunicipalityAndDevice() {
        assertThat(MqttTopics.parse("kawamori/282103/sensors/demo-gauge-1/up"))
                .isEqualTo(DeviceAddress.of(MunicipalityCode.of("282103"), DeviceId.of("demo-gauge-1")));
        assertThat(MqttTopics.sensorUplink(MunicipalityCode.of("282103"), DeviceId.of("g1")))
                .isEqualTo("kawamori/282103/sensors/g1/up");
    }

    @Test
    void aGatewayDetectionsTopicNamesItsMunicipalityAndGateway() {
        assertThat(MqttTopics.parse("kawamori/282103/gateways/cam-0142/detections"))
                .isEqualTo(new DeviceAddress.GatewayBatch(
                        java.util.Optional.of(MunicipalityCode.of("282103")), DeviceId.of("cam-0142")));
        assertThat(MqttTopics.gatewayDetections(MunicipalityCode.of("282103"), DeviceId.of("cam-0142")))
                .isEqualTo("kawamori/282103/gateways/cam-0142/detections");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kawamori/282103/sensors/demo-gauge-1",
                "kawamori/282103/sensors/demo-gauge-1/up/extra",
                "other/282103/sensors/demo-gauge-1/up",
                "kawamori/282104/sensors/demo-gauge-1/up",
                "kawamori/282103/gateways/demo-gauge-1/up",
                "kawamori/282103/sensors/demo-gauge-1/detections",
                "kawamori/282104/gateways/cam-1/detections",
                "kawamori/282103/sensors//up",
                "kawamori/282103/sensors/demo gauge/up",
                ""
            })
    void topicsOfAnotherShapeAreUnaddressed(String topic) {
        assertThat(MqttTopics.parse(topic)).isInstanceOf(DeviceAddress.Unaddressed.class);
    }

    @Test
    void theSharedGroupWrapsTheSubscription() {
        assertThat(MqttIngestConfig.of("tcp://x:1").withSharedGroup("kawamori").subscriptions())
                .containsExactly(
                        "$share/kawamori/kawamori/+/sensors/+/up", "$share/kawamori/kawamori/+/gateways/+/detections");
        assertThat(MqttIngestConfig.of("tcp://x:1")
                        .withCredentials("u", "s3cret")
                        .toString())
                .doesNotContain("s3cret");
    }
}
