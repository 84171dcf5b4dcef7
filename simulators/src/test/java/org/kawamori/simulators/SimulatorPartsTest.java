package org.kawamori.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;

class SimulatorPartsTest {

    @Test
    void theDemoBasinHasGaugesInSeveralMunicipalitiesOverBothProtocols() {
        var gauges = BasinScenario.kakogawaDemo();
        assertThat(gauges).hasSizeGreaterThanOrEqualTo(4);
        assertThat(gauges).extracting(g -> g.sensor().municipality()).doesNotHaveDuplicates();
        assertThat(gauges).extracting(SimulatedGauge::protocol).contains(SimulatedGauge.Protocol.values());
        assertThat(gauges).extracting(SimulatedGauge::secret).doesNotHaveDuplicates();
    }

    @Test
    void levelsStayBetweenTheBaseAndTheCrestOfTheSwell() {
        SimulatedGauge gauge = BasinScenario.kakogawaDemo().get(0);
        LevelCurve curve = new LevelCurve(Duration.ofMinutes(10));
        for (int s = 0; s < 600; s += 7) {
            double level = curve.levelAt(gauge, Instant.ofEpochSecond(1_795_000_000L + s));
            assertThat(level).isBetween(gauge.baseLevel(), gauge.baseLevel() + gauge.swell());
        }
    }

    @Test
    void thePayloadIsSenmlWithTheDeviceAsBaseName() {
        assertThat(SenmlPayloads.level(DeviceId.of("g-1"), 1.234, Instant.ofEpochMilli(1_795_000_000_250L)))
                .isEqualTo(
                        "[{\"bn\":\"urn:dev:kawamori:g-1:\",\"bt\":1795000000.250,\"n\":\"level\",\"u\":\"m\",\"v\":1.23}]");
    }
}
