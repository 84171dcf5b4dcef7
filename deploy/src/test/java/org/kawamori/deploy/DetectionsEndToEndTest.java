package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.HttpsClients;
import org.kawamori.timeseries.PostgresGatewayRegistry;
import org.kawamori.timeseries.TagRegistry;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Gateways report the tags they heard through the embedded broker, logged in with their own secret:
 * registered tags are stored for their own municipality, other beacons are not stored, and a
 * volunteer's phone is not stored by its id.
 */
class DetectionsEndToEndTest {

    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    /** An iBeacon whose identity is registered as a Takasago tag. */
    private static final String IBEACON_ADV = "0201061AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5";

    private static final String IBEACON_TAG = "ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2";

    private static RunningKawamori kawamori;

    @BeforeAll
    static void start() throws Exception {
        kawamori = givenKawamori().withEmbeddedBroker().withLocalPostgres().start();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(kawamori.databaseUrl());
        ds.setCurrentSchema("kawamori");
        PostgresGatewayRegistry gateways = new PostgresGatewayRegistry(ds, 1_000);
        gateways.register(
                new Gateway(DeviceId.of("phone-7f3a"), TAKASAGO, GatewayKind.PHONE, Optional.empty(), true),
                null,
                Optional.of("phone-secret".toCharArray()));
        TagRegistry tags = new TagRegistry(ds);
        tags.register(new TagId("takasago-child-1"), TAKASAGO, null, true);
        tags.register(new TagId(IBEACON_TAG), TAKASAGO, null, true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kawamori != null) {
            kawamori.close();
        }
    }

    @Test
    void aCameraOfKakogawaStoresATakasagoTagForTakasagoAndIgnoresStrangers() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        String batch = "{\"v\":1,\"gateway\":\"demo-camera-1\",\"detections\":["
                + "{\"tag\":\"demo-tag-1\",\"time\":\"" + t + "\",\"rssi\":-70},"
                + "{\"tag\":\"takasago-child-1\",\"time\":\"" + t + "\",\"rssi\":-81},"
                + "{\"tag\":\"someone-elses-beacon\",\"time\":\"" + t + "\",\"rssi\":-60},"
                + "{\"adv\":\"" + IBEACON_ADV + "\",\"time\":\"" + t + "\",\"rssi\":-75}]}";

        Devices.publish(
                kawamori.endpoints().mqttUrl(),
                Optional.of(new String[] {"demo-camera-1", "demo-secret"}),
                "kawamori/282103/gateways/demo-camera-1/detections",
                batch);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rows("select tag_id || ' ' || tag_municipality || ' '"
                                + " || gateway_id || ' ' || gateway_municipality from detection"
                                + " where gateway_id = 'demo-camera-1' and time = '" + t + "' order by tag_id"))
                        .containsExactly(
                                "demo-tag-1 282103 demo-camera-1 282103",
                                IBEACON_TAG + " 282162 demo-camera-1 282103",
                                "takasago-child-1 282162 demo-camera-1 282103"));
        assertThat(rows("select lat || ',' || lon from detection where tag_id = 'demo-tag-1' and time = '" + t + "'"))
                .as("a fixed camera's detections are placed at the camera")
                .containsExactly("34.757,134.8412");
        assertThat(kawamori.app().routing().counters().beaconsIgnored()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aVolunteerPhoneIsNotStoredByItsIdAndGivesItsOwnPosition() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3);
        String batch = "{\"v\":1,\"position\":{\"lat\":34.7701,\"lon\":134.8301,\"accuracy\":12.5},\"detections\":["
                + "{\"tag\":\"takasago-child-1\",\"time\":\"" + t + "\",\"rssi\":-77}]}";

        Devices.publish(
                kawamori.endpoints().mqttUrl(),
                Optional.of(new String[] {"phone-7f3a", "phone-secret"}),
                "kawamori/282162/gateways/phone-7f3a/detections",
                batch);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        rows("select gateway_id || ' ' || lat || ',' || lon || ' ' || accuracy_m"
                                + " from detection where tag_id = 'takasago-child-1' and time = '" + t + "'"))
                .containsExactly("volunteer-phone 34.7701,134.8301 12.5"));
        assertThat(rows("select count(*)::text from detection where gateway_id = 'phone-7f3a'"))
                .containsExactly("0");
    }

    @Test
    void aGatewayCannotPublishAsAnotherGateway() throws Exception {
        Instant denied = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(2);
        Instant allowed = denied.plusMillis(500);
        String forged = "{\"v\":1,\"detections\":[{\"tag\":\"demo-tag-1\",\"time\":\"" + denied + "\",\"rssi\":-70}]}";
        String own = "{\"v\":1,\"position\":{\"lat\":34.77,\"lon\":134.83,\"accuracy\":20},\"detections\":"
                + "[{\"tag\":\"takasago-child-1\",\"time\":\"" + allowed + "\",\"rssi\":-70}]}";

        try {
            Devices.publish(
                    kawamori.endpoints().mqttUrl(),
                    Optional.of(new String[] {"phone-7f3a", "phone-secret"}),
                    "kawamori/282103/gateways/demo-camera-1/detections",
                    forged);
        } catch (org.eclipse.paho.mqttv5.common.MqttException refusedByTheBroker) {
            // an MQTT 5 broker may answer the forged publish with an error: refused either way
        }
        Devices.publish(
                kawamori.endpoints().mqttUrl(),
                Optional.of(new String[] {"phone-7f3a", "phone-secret"}),
                "kawamori/282162/gateways/phone-7f3a/detections",
                own);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rows("select tag_id from detection where time = '" + allowed + "'"))
                        .containsExactly("takasago-child-1"));
        assertThat(rows("select tag_id from detection where time = '" + denied + "'"))
                .as("the broker denied the publish on another gateway's topic")
                .isEmpty();
    }

    @Test
    void aPhonePostsItsBatchOverHttpsWithItsTokenAndIsAnsweredAfterCommit() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(4);
        String batch = "{\"v\":1,\"position\":{\"lat\":34.7702,\"lon\":134.8302,\"accuracy\":15},"
                + "\"detections\":[{\"tag\":\"takasago-child-1\",\"time\":\"" + t + "\",\"rssi\":-72}]}";

        java.net.http.HttpResponse<String> answer = HttpsClients.trustingSelfSigned()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(kawamori.endpoints()
                                                .gatewayHttpsUrl() + "/api/v1/gateways/phone-7f3a/detections"))
                                .header("Authorization", "Bearer phone-secret")
                                .header("Content-Type", "application/vnd.kawamori.detections+json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(batch))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"accepted\":1}");
        assertThat(rows("select gateway_id || ' ' || lat || ',' || lon from detection where time = '" + t + "'"))
                .as("committed before the answer")
                .containsExactly("volunteer-phone 34.7702,134.8302");
    }

    @Test
    void aCameraPostsItsBatchOverCoapAndIsAnswered204AfterCommit() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(6);
        String batch = "{\"v\":1,\"detections\":[{\"tag\":\"demo-tag-1\",\"time\":\"" + t + "\",\"rssi\":-68}]}";

        var response = Devices.postJson(kawamori.endpoints().coapUri(), "/g/demo-camera-1", batch);

        assertThat(response.getCode()).isEqualTo(org.eclipse.californium.core.coap.CoAP.ResponseCode.CHANGED);
        assertThat(rows("select tag_id || ' ' || gateway_id from detection where time = '" + t + "'"))
                .as("committed before the answer")
                .containsExactly("demo-tag-1 demo-camera-1");
    }

    private static List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(kawamori.databaseUrl());
                PreparedStatement s = c.prepareStatement("set search_path = kawamori")) {
            s.execute();
            try (ResultSet r = c.createStatement().executeQuery(sql)) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
