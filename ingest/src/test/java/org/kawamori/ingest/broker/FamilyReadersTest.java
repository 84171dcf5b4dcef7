package org.kawamori.ingest.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.kawamori.core.port.ReaderAccounts;
import org.kawamori.ingest.fixtures.FreePorts;

/** A family logged in at the embedded broker reads its own notices and nothing else. */
class FamilyReadersTest {

    private static final String OWN = "kawamori/notices/family/yamada";
    private static final String OTHER = "kawamori/notices/family/tanaka";
    private static final String PUBLIC = "kawamori/notices/public";
    private static final ReaderAccounts READERS =
            (user, secret) -> user.equals("family:yamada") && Arrays.equals(secret, "yamada-secret".toCharArray())
                    ? Optional.of(List.of(OWN, PUBLIC))
                    : Optional.empty();

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedBroker(
                EmbeddedBrokerConfig.of("127.0.0.1", FreePorts.tcp(), Files.createTempDirectory("kawamori-broker")),
                new InMemorySensorRegistry(),
                (device, secret) -> false,
                id -> Optional.empty(),
                (id, secret) -> false,
                READERS);
        broker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void aFamilyGetsItsOwnAndThePublicNoticesButNotAnotherFamilys() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient family = connect("family:yamada", "yamada-secret");
        family.subscribe(
                new MqttSubscription[] {new MqttSubscription(OWN, 1), new MqttSubscription(PUBLIC, 1)},
                new IMqttMessageListener[] {
                    (t, m) -> received.add(t + " " + new String(m.getPayload(), UTF_8)),
                    (t, m) -> received.add(t + " " + new String(m.getPayload(), UTF_8))
                });
        IMqttToken other = family.subscribe(new MqttSubscription[] {new MqttSubscription(OTHER, 1)});
        IMqttToken wildcard = family.subscribe(new MqttSubscription[] {new MqttSubscription("kawamori/notices/#", 1)});

        MqttClient kawamori = connect(
                broker.serviceAccount().username(), broker.serviceAccount().secret());
        for (String topic : List.of(OTHER, OWN, PUBLIC)) {
            kawamori.publish(topic, message("notice on " + topic));
        }
        kawamori.disconnect();

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
        assertThat(received).containsExactlyInAnyOrder(OWN + " notice on " + OWN, PUBLIC + " notice on " + PUBLIC);
        assertThat(other.getReasonCodes()).containsExactly(0x87);
        assertThat(wildcard.getReasonCodes()).containsExactly(0x87);
        family.disconnect();
    }

    @Test
    void whatAFamilyPublishesReachesNobodyNotEvenOnItsOwnTopic() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        MqttClient kawamori = connect(
                broker.serviceAccount().username(), broker.serviceAccount().secret());
        kawamori.subscribe(
                new MqttSubscription[] {new MqttSubscription(OWN, 1)},
                new IMqttMessageListener[] {(t, m) -> heard.add(new String(m.getPayload(), UTF_8))});
        MqttClient family = connect("family:yamada", "yamada-secret");
        try {
            family.publish(OWN, message("forged"));
        } catch (MqttException refused) {
            // HiveMQ answers a forbidden publish with a failing PUBACK or a disconnect
        }
        kawamori.publish(OWN, message("real"));

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("real"));
        assertThat(heard).containsExactly("real");
        kawamori.disconnect();
    }

    private static MqttMessage message(String text) {
        MqttMessage message = new MqttMessage(text.getBytes(UTF_8));
        message.setQos(1);
        return message;
    }

    @Test
    void aWrongPasswordOrAnUnknownFamilyIsRefused() {
        assertThatThrownBy(() -> connect("family:yamada", "guess")).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect("family:tanaka", "yamada-secret")).isInstanceOf(MqttException.class);
    }

    private static MqttClient connect(String user, String secret) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), "reader-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(secret.getBytes(UTF_8));
        client.connect(options);
        return client;
    }
}
