package org.kawamori.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kawamori.deploy.fixtures.FreePorts;

/**
 * deploy/compose/mosquitto: the project's rules for mosquitto.conf and acl, and the files run by a
 * real Mosquitto ({@code /usr/sbin/mosquitto}, as the fault tests use; skipped without it) on a free
 * loopback port, with the container's paths moved into a temporary directory.
 */
class MosquittoConfigTest {

    private static final Path BROKER = Path.of("/usr/sbin/mosquitto");
    private static final Path PASSWD_TOOL = Path.of("/usr/bin/mosquitto_passwd");
    private static final Path CONF = ManifestFiles.COMPOSE.resolve("mosquitto/mosquitto.conf");
    private static final Path ACL = ManifestFiles.COMPOSE.resolve("mosquitto/acl");

    private static final String SERVICE_PASSWORD = "service-password-for-this-test";
    private static final String DEVICE_PASSWORD = "device-password-for-this-test";
    private static final String HEALTH_PASSWORD = "health-password-for-this-test";

    @TempDir
    Path directory;

    private static String conf() {
        return ManifestFiles.read(CONF);
    }

    private static String acl() {
        return ManifestFiles.read(ACL);
    }

    private static String broken(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    @Test
    void theBrokerConfigurationKeepsTheProjectsRules() {
        assertThat(MosquittoRules.problems(conf(), acl())).isEmpty();
    }

    @Test
    void theRulesRejectMosquittosDefaultQueueLimit() {
        String defaults = broken(conf(), "max_queued_messages 100000", "max_queued_messages 1000");

        assertThat(MosquittoRules.problems(defaults, acl())).anyMatch(p -> p.startsWith("max_queued_messages is 1000"));
    }

    @Test
    void theRulesRejectAnonymousClientsAndAnAclThatLocksOutTheServiceAccount() {
        String anonymous = broken(conf(), "allow_anonymous false", "allow_anonymous true");
        String locked = broken(acl(), "topic readwrite kawamori/#", "topic write kawamori/notices/#");

        assertThat(MosquittoRules.problems(anonymous, acl()))
                .anyMatch(p -> p.startsWith("allow_anonymous is not false"));
        assertThat(MosquittoRules.problems(conf(), locked))
                .anyMatch(p -> p.contains("kawamori cannot read kawamori/#"));
    }

    @Test
    void mosquittoRunsTheConfigurationAndItsAclHoldsAsDocumented() throws Exception {
        assumeTrue(Files.isExecutable(BROKER) && Files.isExecutable(PASSWD_TOOL), "mosquitto is not installed");
        int port = FreePorts.freeTcpPort();
        Path conf = brokerFiles(conf(), port);
        Process broker = start(conf, port);
        List<String> received = new CopyOnWriteArrayList<>();
        List<MqttClient> clients = new ArrayList<>();
        try {
            MqttClient anonymous = client(port, "anonymous", clients);
            assertThatThrownBy(() -> anonymous.connect(options(null, null)))
                    .as("an anonymous client")
                    .isInstanceOf(MqttException.class);

            MqttClient service = client(port, "kawamori-1", clients);
            // as the ingest does: one callback for the client (Paho's per-subscription listeners do not
            // see the messages of a $share subscription)
            service.setCallback(new Arrivals(received));
            service.connect(options("kawamori", SERVICE_PASSWORD));
            int shared = service.subscribe(
                            new MqttSubscription[] {new MqttSubscription("$share/kawamori/kawamori/+/sensors/+/up", 1)})
                    .getReasonCodes()[0];
            assertThat(shared).as("the shared subscription is granted").isEqualTo(1);

            MqttClient device = client(port, "ichiba", clients);
            device.connect(options("ichiba", DEVICE_PASSWORD));
            // Mosquitto grants the subscription and checks the read right for each message it delivers
            List<String> spied = new CopyOnWriteArrayList<>();
            subscribe(device, "kawamori/#", 1, (topic, message) -> spied.add(topic));
            device.publish(
                    "kawamori/282103/sensors/other-device/up", "not mine".getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish("kawamori/282103/sensors/ichiba/up", "mine".getBytes(StandardCharsets.UTF_8), 1, false);

            // one publisher's QoS 1 messages arrive in order: once "mine" is here, "not mine" was refused
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertThat(received).containsExactly("kawamori/282103/sensors/ichiba/up mine");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(spied::isEmpty);

            MqttClient health = client(port, "health-probe", clients);
            health.connect(options("health", HEALTH_PASSWORD));
            List<String> uptime = new CopyOnWriteArrayList<>();
            assertThat(subscribe(health, "$SYS/broker/uptime", 0, (topic, message) -> uptime.add(topic)))
                    .isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> !uptime.isEmpty());
        } finally {
            for (MqttClient client : clients) {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            }
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void mosquittoRefusesAMisspeltOption() throws Exception {
        assumeTrue(Files.isExecutable(BROKER) && Files.isExecutable(PASSWD_TOOL), "mosquitto is not installed");
        int port = FreePorts.freeTcpPort();
        Path conf = brokerFiles(broken(conf(), "max_queued_messages 100000", "max_queued_message 100000"), port);

        Process broker = new ProcessBuilder(BROKER.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(broker.waitFor(10, TimeUnit.SECONDS))
                    .as("mosquitto exits")
                    .isTrue();
            String output = new String(broker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(broker.exitValue()).isNotZero();
            assertThat(output).contains("max_queued_message");
        } finally {
            broker.destroyForcibly();
        }
    }

    /**
     * The compose configuration with the container's paths in the temporary directory, a loopback
     * listener on {@code port}, the acl beside it and a password file for the test's accounts.
     */
    private Path brokerFiles(String composeConf, int port) throws IOException, InterruptedException {
        Path data = Files.createDirectories(directory.resolve("data"));
        String conf = composeConf
                        .replace("listener 1883\n", "listener " + port + " 127.0.0.1\n")
                        .replace(MosquittoRules.CONFIG_DIRECTORY, directory + "/")
                        .replace("/mosquitto/data/", data + "/")
                // as root, Mosquitto would switch to the user mosquitto, who cannot read the temporary directory
                + "\nuser root\n";
        assertThat(conf).contains("listener " + port + " 127.0.0.1");
        Files.writeString(directory.resolve("acl"), acl());
        Path file = directory.resolve("mosquitto.conf");
        Files.writeString(file, conf);
        passwd("kawamori", SERVICE_PASSWORD, true);
        passwd("ichiba", DEVICE_PASSWORD, false);
        passwd("health", HEALTH_PASSWORD, false);
        return file;
    }

    private void passwd(String user, String password, boolean create) throws IOException, InterruptedException {
        List<String> command = create
                ? List.of(
                        PASSWD_TOOL.toString(),
                        "-c",
                        "-b",
                        directory.resolve("passwd").toString(),
                        user,
                        password)
                : List.of(
                        PASSWD_TOOL.toString(),
                        "-b",
                        directory.resolve("passwd").toString(),
                        user,
                        password);
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(tool.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(tool.exitValue())
                .as(new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
    }

    private Process start(Path conf, int port) throws IOException {
        Path log = directory.resolve("mosquitto.log");
        Process broker = new ProcessBuilder(BROKER.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!broker.isAlive()) {
                        throw new IllegalStateException("mosquitto ended: " + Files.readString(log));
                    }
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
        return broker;
    }

    /** Keeps every message that arrives as "topic payload". */
    private record Arrivals(List<String> received) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    /** @return the broker's reason code: the granted QoS, or 0x80 and above for a refusal */
    private static int subscribe(MqttClient client, String filter, int qos, IMqttMessageListener listener)
            throws MqttException {
        return client.subscribe(
                        new MqttSubscription[] {new MqttSubscription(filter, qos)},
                        new IMqttMessageListener[] {listener})
                .getReasonCodes()[0];
    }

    private static MqttClient client(int port, String id, List<MqttClient> clients) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, id, new MemoryPersistence());
        clients.add(client);
        return client;
    }

    private static MqttConnectionOptions options(String user, String password) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(5);
        options.setAutomaticReconnect(false);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }
}
