package org.kawamori.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.NoticeSubscriber;
import org.kawamori.deploy.fixtures.SseRecorder;
import org.kawamori.deploy.fixtures.WebhookReceiver;

/**
 * A typhoon night at the Kakogawa gauge, end to end: readings over MQTT through the embedded broker,
 * the routes, the store, the alert rules, and out through every channel — the municipality's webhook
 * (which fails twice first), the officers' MQTT topic, and the public map's event stream.
 */
class FloodAlertsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "kawamori/282103/sensors/demo-gauge-1/up";
    private static final String OFFICERS_TOPIC = "kawamori/notices/municipality/282103";

    /** A rise through all five stages and back, one reading every 10 minutes (stages 1.5/2.6/3.3/4.0/4.8 m). */
    private static final double[] CURVE = {
        1.0,
        1.3,
        1.6,
        2.0,
        2.4,
        2.7,
        3.0,
        3.4,
        3.8,
        4.1,
        4.5,
        4.9,
        5.1,
        5.2, // rising
        4.9,
        4.6,
        4.5,
        4.5,
        4.5,
        4.3, // below 4.7 for 30 min: lift stage 5
        3.8,
        3.7,
        3.7,
        3.7,
        3.5, // below 3.9: lift stage 4
        3.1,
        3.0,
        3.0,
        3.0,
        2.8, // below 3.2: lift stage 3
        2.4,
        2.3,
        2.3,
        2.3,
        2.0, // below 2.5: lift stage 2
        1.6,
        1.3,
        1.2,
        1.2,
        1.2,
        1.1 // below 1.4: lift stage 1, the all-clear
    };

    private static final List<String> EXPECTED = List.of(
            "OPENED 1",
            "ESCALATED 2",
            "ESCALATED 3",
            "ESCALATED 4",
            "ESCALATED 5",
            "DEESCALATED 4",
            "DEESCALATED 3",
            "DEESCALATED 2",
            "DEESCALATED 1",
            "CLEARED");

    private static final String ADMIN_TOKEN = "e2e-admin-token-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static WebhookReceiver bousai;
    private static RunningKawamori kawamori;

    @BeforeAll
    static void start() throws Exception {
        bousai = new WebhookReceiver("kakogawa-bousai-webhook-secret", 2);
        Path settings = Files.createTempFile("kawamori-alerts", ".properties");
        Files.writeString(
                settings, "station.demo-gauge-1.river-stage.thresholds-m=1:1.50,2:2.60,3:3.30,4:4.00,5:4.80\n");
        kawamori = givenKawamori()
                .withEmbeddedBroker()
                .withLocalPostgres()
                .withSetting(AppSettings.ALERT_SETTINGS, settings.toString())
                .withSetting(AppSettings.ALERT_TICK, "PT1H") // readings only: no reminders, no 欠測 here
                .withOfficersWebhook("282103", bousai)
                .withSetting("notify.dispatch.first-delay", "PT0.1S")
                .withSetting("KAWAMORI_ADMIN_TOKEN", ADMIN_TOKEN)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kawamori != null) {
            kawamori.close();
        }
        if (bousai != null) {
            bousai.close();
        }
    }

    @Test
    void aFloodCurveGivesOneAlertThatMovesThroughEveryStageAndEveryChannelTellsItOnce() throws Exception {
        var account = kawamori.app().embeddedBroker().orElseThrow().serviceAccount();
        try (NoticeSubscriber officers = NoticeSubscriber.loggedInAs(
                        kawamori.endpoints().mqttUrl(), account.username(), account.secret());
                SseRecorder map = new SseRecorder(kawamori.endpoints().mapUrl())) {
            assertThat(officers.subscribe(OFFICERS_TOPIC)).isEqualTo(1);
            publishCurve(Instant.now().minus(CURVE.length * 10L - 5, ChronoUnit.MINUTES));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> noticesFor("demo-gauge-1").size() >= EXPECTED.size());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ofStation(officers.notices()).size() >= EXPECTED.size());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ofStation(publicAlerts(map)).size() >= EXPECTED.size());

            // the webhook: every transition exactly once, signed, although it refused the first two posts
            List<JsonNode> received = noticesFor("demo-gauge-1");
            assertThat(bousai.accepted()).allSatisfy(r -> assertThat(r.signed()).isTrue());
            assertThat(bousai.accepted().stream()
                            .map(WebhookReceiver.Received::key)
                            .distinct())
                    .as("no notice taken twice")
                    .hasSize(bousai.accepted().size());
            assertThat(bousai.posts()).isEqualTo(bousai.accepted().size() + 2);
            assertThat(inOrder(received)).containsExactlyElementsOf(EXPECTED);
            long alertId = received.get(0).path("alertId").asLong();
            assertThat(received).allSatisfy(n -> {
                assertThat(n.path("alertId").asLong()).isEqualTo(alertId);
                assertThat(n.path("audience").path("kind").asText()).isEqualTo("officers");
            });

            // the officers' MQTT topic and the public map tell the same story
            assertThat(inOrder(ofStation(officers.notices()))).containsExactlyElementsOf(EXPECTED);
            List<JsonNode> publicAlerts = ofStation(publicAlerts(map));
            assertThat(inOrder(publicAlerts)).containsExactlyElementsOf(EXPECTED);
            assertThat(publicAlerts)
                    .allSatisfy(n ->
                            assertThat(n.path("audience").path("kind").asText()).isEqualTo("public"));

            // and the store keeps the whole history of the one alert
            assertThat(historyOf(alertId)).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void twoReadingsOneMillisecondApartOpenOneAlertAndAnOfficerAcknowledgesItThroughTheApi() throws Exception {
        // a new gauge and its stages, set up through the admin API as a municipality's IT staff would
        HttpResponse<String> added = call(
                "POST",
                "/api/v1/admin/sensors",
                "{\"id\":\"e2e-kunikane-2\",\"municipality\":\"282103\",\"kind\":\"RIVER_GAUGE\","
                        + "\"name\":\"加古川 国包 (予備)\",\"lat\":34.7868,\"lon\":134.8466,"
                        + "\"secret\":\"e2e-gauge-secret\",\"experimental\":false}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> staged = call(
                "PATCH",
                "/api/v1/admin/alert-settings",
                "{\"set\":{\"station.e2e-kunikane-2.river-stage.thresholds-m\":\"1:1.50,2:2.60,3:3.30,4:4.00,5:4.80\"}}");
        assertThat(staged.statusCode()).as(staged.body()).isEqualTo(200);

        Instant t = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        String topic = "kawamori/282103/sensors/e2e-kunikane-2/up";
        Thread second = new Thread(() -> publishAs("e2e-kunikane-2", "e2e-gauge-secret", topic, 3.52, t.plusMillis(1)));
        second.start();
        publishAs("e2e-kunikane-2", "e2e-gauge-secret", topic, 3.51, t);
        second.join();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !noticesFor("e2e-kunikane-2").isEmpty());
        assertThat(activeAlerts("e2e-kunikane-2", "river-stage")).isEqualTo(1);
        long alertId = noticesFor("e2e-kunikane-2").get(0).path("alertId").asLong();

        HttpResponse<String> ack = call("POST", "/api/v1/alerts/" + alertId + "/acknowledge", "");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).path("state").asText()).isEqualTo("acknowledged");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> noticesFor("e2e-kunikane-2").size() >= 2);

        assertThat(noticesFor("e2e-kunikane-2"))
                .extracting(n -> n.path("transition").asText())
                .as("one alert, opened once, then acknowledged")
                .containsExactly("opened", "acknowledged");
        assertThat(activeAlerts("e2e-kunikane-2", "river-stage")).isEqualTo(1);
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(kawamori.endpoints().mapUrl() + "api/v1/alerts/" + alertId + "/acknowledge"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static List<JsonNode> publicAlerts(SseRecorder map) {
        return map.events().stream()
                .filter(e -> "alert".equals(e.type()))
                .map(SseRecorder.Event::data)
                .toList();
    }

    private static List<JsonNode> ofStation(List<JsonNode> notices) {
        return notices.stream()
                .filter(n ->
                        "demo-gauge-1".equals(n.path("facts").path("station").asText()))
                .toList();
    }

    private static List<JsonNode> noticesFor(String station) {
        return bousai.accepted().stream()
                .map(WebhookReceiver.Received::notice)
                .filter(n -> station.equals(n.path("facts").path("station").asText()))
                .sorted(Comparator.comparingInt(n -> sequence(n.path("key").asText())))
                .toList();
    }

    private static HttpResponse<String> call(String method, String path, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(kawamori.endpoints().mapUrl() + path.substring(1)))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int activeAlerts(String subject, String rule) throws Exception {
        try (Connection c = kawamori.app().dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(
                        "select count(*) from kawamori.alert where subject = ? and rule = ? and state <> 'CLEARED'")) {
            q.setString(1, subject);
            q.setString(2, rule);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void publishAs(String device, String secret, String topic, double level, Instant t) {
        try {
            Devices.publish(
                    kawamori.endpoints().mqttUrl(),
                    Optional.of(new String[] {device, secret}),
                    topic,
                    String.format(
                            Locale.ROOT,
                            "[{\"n\":\"level\",\"u\":\"m\",\"v\":%.2f,\"t\":%d.%03d}]",
                            level,
                            t.getEpochSecond(),
                            t.getNano() / 1_000_000));
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The notices sorted by their transition number, as "TRANSITION stage". */
    private static List<String> inOrder(List<JsonNode> notices) {
        return notices.stream()
                .sorted(Comparator.comparingInt(n -> sequence(n.path("key").asText())))
                .map(n -> n.path("transition").asText().toUpperCase(Locale.ROOT)
                        + (n.path("transition").asText().equals("cleared")
                                ? ""
                                : " " + n.path("facts").path("stage").asText()))
                .toList();
    }

    private static int sequence(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf('-') + 1));
    }

    private static List<String> historyOf(long alertId) throws Exception {
        List<String> history = new ArrayList<>();
        try (Connection c = kawamori.app().dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(
                        "select transition, level from kawamori.alert_history where alert_id = ? order by sequence")) {
            q.setLong(1, alertId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String transition = rs.getString(1);
                    history.add(transition.equals("CLEARED") ? transition : transition + " " + rs.getInt(2));
                }
            }
        }
        return history;
    }

    /** The gauge itself: one MQTT session, QoS 1, one reading every 10 minutes of its time. */
    private static void publishCurve(Instant first) throws MqttException {
        MqttClient gauge = new MqttClient(
                kawamori.endpoints().mqttUrl(), "demo-gauge-1-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("demo-gauge-1");
        options.setPassword("demo-secret".getBytes(UTF_8));
        gauge.connect(options);
        for (int i = 0; i < CURVE.length; i++) {
            Instant t = first.plus(10L * i, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            MqttMessage reading = new MqttMessage(String.format(
                            Locale.ROOT,
                            "[{\"n\":\"level\",\"u\":\"m\",\"v\":%.2f,\"t\":%d}]",
                            CURVE[i],
                            t.getEpochSecond())
                    .getBytes(UTF_8));
            reading.setQos(1);
            gauge.publish(TOPIC, reading);
        }
        gauge.disconnect();
        gauge.close();
    }
}
