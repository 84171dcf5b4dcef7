package org.kawamori.deploy;

import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;
import org.kawamori.core.TagId;
import org.kawamori.timeseries.DetectionStore;
import org.kawamori.timeseries.PostgresGatewayRegistry;
import org.kawamori.timeseries.PostgresSensorRegistry;
import org.kawamori.timeseries.TagRegistry;

/**
 * The two Kawamoris the end-to-end tests talk to, started for each test class that {@code
 * @ExtendWith(BothModes.class)} and shared by its tests:
 *
 * <ul>
 *   <li>demo mode: embedded HiveMQ (devices log in with their secret) and embedded PostgreSQL; CoAP,
 *       CoAP over DTLS and HTTPS go here;
 *   <li>external mode: the machine's Mosquitto on 127.0.0.1:1883 (anyone may publish anything) and a
 *       fresh database on the machine's PostgreSQL 15.
 * </ul>
 *
 * Both have the demo devices and the small {@link Fleet} registered.
 */
final class BothModes implements BeforeAllCallback, ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static RunningKawamori demo;
    private static RunningKawamori external;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (BothModes.class) {
            if (demo != null) {
                return;
            }
            // closed after the test class: another class's embedded HiveMQ, started and stopped while this
            // one runs, leaves this one's authenticator refusing every publish (HiveMQ CE's extension
            // SDK keeps its builders in static fields, one broker per JVM at a time)
            context.getStore(ExtensionContext.Namespace.GLOBAL).put(BothModes.class.getName(), this);
            demo = givenKawamori().withEmbeddedBroker().withEmbeddedPostgres().start();
            external = givenKawamori().withMosquitto().withLocalPostgres().start();
            Fleet.registerIn(demo.app().dataSource());
            Fleet.registerIn(external.app().dataSource());
        }
    }

    /** Embedded HiveMQ and embedded PostgreSQL. */
    static KawamoriApp demoMode() {
        return demo.app();
    }

    /** The machine's Mosquitto and PostgreSQL 15. */
    static KawamoriApp externalMode() {
        return external.app();
    }

    static DetectionStore detectionsOf(KawamoriApp app) {
        return new DetectionStore(app.dataSource());
    }

    @Override
    public void close() throws Exception {
        synchronized (BothModes.class) {
            try {
                if (demo != null) {
                    demo.close();
                }
            } finally {
                if (external != null) {
                    external.close();
                }
                demo = null;
                external = null;
            }
        }
    }

    /** The devices and tags the tests use besides the demo ones (demo-gauge-1, demo-camera-1, demo-tag-1). */
    static final class Fleet {
        static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
        static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");

        /** A second gauge in Kakogawa: the device a DTLS identity or a base name must not speak for. */
        static final String OTHER_GAUGE = "e2e-gauge-2";

        static final String INUNDATION_SENSOR = "e2e-inundation-1";
        static final String DISABLED_GAUGE = "e2e-disabled-gauge";
        static final String DISABLED_CAMERA = "e2e-disabled-camera";
        /** A Takasago volunteer's phone: reports its own position, stored as volunteer-phone. */
        static final String PHONE = "phone-7f3a";

        static final String PHONE_SECRET = "phone-secret";
        /** A Kakogawa city vehicle: it moves, so its detections need a position. */
        static final String VEHICLE = "e2e-vehicle-1";

        static final String VEHICLE_SECRET = "vehicle-secret";

        static final String TAKASAGO_TAG = "takasago-child-1";
        /** A raw iBeacon advertisement whose identity is registered as a Takasago tag. */
        static final String IBEACON_ADV = "0201061AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5";

        static final String IBEACON_TAG = "ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2";

        /** Every tag id a test sends: none of them may ever appear in a log line or a dead-letter detail. */
        static final java.util.List<String> TAG_IDS =
                java.util.List.of(DemoDevices.DEMO_TAG_ID, TAKASAGO_TAG, IBEACON_TAG, "someone-elses-beacon");

        private Fleet() {}

        static void registerIn(DataSource dataSource) {
            PostgresSensorRegistry sensors = new PostgresSensorRegistry(dataSource, 1_000);
            sensors.register(sensor(OTHER_GAUGE, SensorKind.RIVER_GAUGE, true), Optional.empty());
            sensors.register(sensor(INUNDATION_SENSOR, SensorKind.INUNDATION, true), Optional.empty());
            sensors.register(sensor(DISABLED_GAUGE, SensorKind.RIVER_GAUGE, false), Optional.empty());
            PostgresGatewayRegistry gateways = new PostgresGatewayRegistry(dataSource, 1_000);
            gateways.register(
                    new Gateway(DeviceId.of(PHONE), TAKASAGO, GatewayKind.PHONE, Optional.empty(), true),
                    null,
                    Optional.of(PHONE_SECRET.toCharArray()));
            gateways.register(
                    new Gateway(DeviceId.of(VEHICLE), KAKOGAWA, GatewayKind.VEHICLE, Optional.empty(), true),
                    "市役所 公用車",
                    Optional.of(VEHICLE_SECRET.toCharArray()));
            gateways.register(
                    new Gateway(
                            DeviceId.of(DISABLED_CAMERA),
                            KAKOGAWA,
                            GatewayKind.FIXED,
                            Optional.of(new GeoPoint(34.7601, 134.8402)),
                            false),
                    "撤去済みカメラ",
                    Optional.of("retired".toCharArray()));
            TagRegistry tags = new TagRegistry(dataSource);
            tags.register(new TagId(TAKASAGO_TAG), TAKASAGO, null, true);
            tags.register(new TagId(IBEACON_TAG), TAKASAGO, null, true);
        }

        private static Sensor sensor(String id, SensorKind kind, boolean enabled) {
            return new Sensor(DeviceId.of(id), KAKOGAWA, kind, "試験 " + id, new GeoPoint(34.78, 134.84), false, enabled);
        }
    }
}
