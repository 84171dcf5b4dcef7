package org.kawamori.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * Two Kawamori instances share the MQTT load through an MQTT 5 shared subscription on the machine's
 * Mosquitto and write into one database: every message is stored exactly once, and both instances
 * take part.
 */
class ScaleOutTest {

    private static final int MESSAGES = 300;

    @Test
    void twoInstancesInOneSharedGroupStoreEveryMessageExactlyOnce() throws Exception {
        String group = "kawamori-test-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunningKawamori first = givenKawamori()
                        .withMosquitto()
                        .inSharedSubscriptionGroup(group)
                        .withLocalPostgres()
                        .start();
                RunningKawamori second = givenKawamori()
                        .withMosquitto()
                        .inSharedSubscriptionGroup(group)
                        .withTheDatabaseOf(first)
                        .start()) {
            Instant t0 = Instant.now().minusSeconds(MESSAGES * 60L).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            publishReadings(t0);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(storedReadings(first.databaseUrl()))
                    .isEqualTo(MESSAGES));
            long byFirst = first.app().routing().counters().acceptedMessages();
            long bySecond = second.app().routing().counters().acceptedMessages();

            assertThat(byFirst).as("messages taken by the first instance").isPositive();
            assertThat(bySecond).as("messages taken by the second instance").isPositive();
            assertThat(byFirst + bySecond).as("each message taken once").isEqualTo(MESSAGES);
            assertThat(first.app().routing().counters().newRows()
                            + second.app().routing().counters().newRows())
                    .isEqualTo(MESSAGES);
        }
    }

    private static void publishReadings(Instant t0) throws Exception {
        MqttClient client =
                new MqttClient("tcp://127.0.0.1:1883", "scale-out-gauge-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        try {
            for (int i = 0; i < MESSAGES; i++) {
                long time = t0.plusSeconds(60L * i).getEpochSecond();
                String senml = "[{\"bn\":\"urn:dev:kawamori:demo-gauge-1:\",\"n\":\"level\",\"u\":\"m\",\"v\":"
                        + (1.0 + i / 1000.0) + ",\"t\":" + time + "}]";
                MqttMessage message = new MqttMessage(senml.getBytes(UTF_8));
                message.setQos(1);
                publishWaitingForRoom(client, message);
            }
        } finally {
            client.disconnect();
            client.close();
        }
    }

    /**
     * Paho can refuse a publish while the broker's receive maximum is used up (32202, "too many
     * publishes in progress", paho.mqtt.java#993): that is flow control, so wait for room and send the
     * same message again.
     */
    private static void publishWaitingForRoom(MqttClient client, MqttMessage message) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish("kawamori/282103/sensors/demo-gauge-1/up", message);
                return;
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                if (e.getReasonCode() != 32202 || attempt == 50) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static long storedReadings(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        "select count(*) from kawamori.reading where device_id = 'demo-gauge-1' and quantity = 'level'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
