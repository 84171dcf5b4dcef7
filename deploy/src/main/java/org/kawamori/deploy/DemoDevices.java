package org.kawamori.deploy;

import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.Municipalities;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;
import org.kawamori.core.TagId;

/** The devices a new user sends data as by hand, as the README shows. */
final class DemoDevices {

    static final String DEMO_GAUGE_ID = "demo-gauge-1";
    static final String DEMO_GAUGE_SECRET = "demo-secret";

    static final String DEMO_CAMERA_ID = "demo-camera-1";
    static final String DEMO_CAMERA_NAME = "加古川駅前 見守りカメラ（デモ）";
    static final String DEMO_TAG_ID = "demo-tag-1";

    private DemoDevices() {}

    /** A street camera with a BLE detector in front of Kakogawa station; same secret as the gauge. */
    static Gateway demoCamera() {
        return new Gateway(
                DeviceId.of(DEMO_CAMERA_ID),
                Municipalities.KAKOGAWA,
                GatewayKind.FIXED,
                Optional.of(new GeoPoint(34.7570, 134.8412)),
                true);
    }

    /** A watch tag registered in Kakogawa, for trying a detection batch by hand. */
    static TagId demoTag() {
        return new TagId(DEMO_TAG_ID);
    }

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

    /** The DTLS pre-shared key of demo-gauge-1 ({@code coap-client-openssl -u demo-gauge-1 -k demo-dtls-key}). */
    static final String DEMO_DTLS_KEY = "demo-dtls-key";

    static byte[] demoDtlsKey() {
        return DEMO_DTLS_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Optional<char[]> demoSecret() {
        return Optional.of(DEMO_GAUGE_SECRET.toCharArray());
    }
}
