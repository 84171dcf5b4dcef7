package org.kawamori.deploy;

import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.Municipalities;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;

/** The device a new user sends readings to by hand, as the README shows. */
final class DemoDevices {

    static final String DEMO_GAUGE_ID = "demo-gauge-1";
    static final String DEMO_GAUGE_SECRET = "demo-secret";

    private DemoDevices() {}

    /** 国包 on the Kakogawa, in Kakogawa City (282103). */
    static Sensor demoGauge() {
        return new Sensor(
                DeviceId.of(DEMO_GAUGE_ID),
                Municipalities.KAKOGAWA,
                SensorKind.RIVER_GAUGE,
                "加古川 国包（デモ）",
                new GeoPoint(34.7868, 134.8466),
                false,
                true);
    }

    static Optional<char[]> demoSecret() {
        return Optional.of(DEMO_GAUGE_SECRET.toCharArray());
    }
}
