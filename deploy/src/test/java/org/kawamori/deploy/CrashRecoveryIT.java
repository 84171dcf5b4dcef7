package org.kawamori.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.LocalPostgres;

/**
 * kill -9 of the packaged app in the middle of a QoS 1 stream through the machine's Mosquitto, then a
 * restart: the broker kept the session and the unacknowledged messages, and in the end the table
 * holds exactly one row per message sent (runs after {@code package}, failsafe).
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of("target", "kawamori.jar");
    private static final String CLIENT_ID = "kawamori-demo";
    private static final int MESSAGES = 600;

    @Test
    void aKillDashNineInTheMiddleOfAStreamLosesNothingAndDuplicatesNothing() throws Exception {
        clearSession();
        try (LocalPostgres postgres = new LocalPostgres()) {
            Path data = Files.createTempDirectory("kawamori-crash-it");
            Process first = start(data, postgres.jdbcUrl());
            AtomicInteger sent = new AtomicInteger();
            Thread publisher = new Thread(() -> publish(sent), "crash-it-publisher");
            publisher.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> stored(postgres.jdbcUrl()) >= 100);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the broker
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long storedAtKill = stored(postgres.jdbcUrl());

            Process second = start(data, postgres.jdbcUrl());
            try {
                publisher.join(120_000);
                assertThat(sent).hasValue(MESSAGES);
                await().atMost(Duration.ofSeconds(90)).until(() -> stored(postgres.jdbcUrl()) == MESSAGES);
                assertThat(storedAtKill)
                        .as("the kill came in the middle of the stream")
                        .isLessThan(MESSAGES);
                assertThat(query(postgres.jdbcUrl(), "select count(distinct time) from kawamori.reading"))
                        .isEqualTo(MESSAGES);
                assertThat(query(postgres.jdbcUrl(), "select count(*) from kawamori.dead_letter"))
                        .isZero();
            } finally {
                second.destroy();
                second.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts from a clean session: an earlier run may have left one with this client id. */
    private static void clearSession() throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:1883", CLIENT_ID, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        client.connect(options);
        client.disconnect();
        client.close();
    }

    private static void publish(AtomicInteger sent) {
        Instant t0 = Instant.now().minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS);
        try {
            MqttClient client =
                    new MqttClient("tcp://127.0.0.1:1883", "crash-it-" + UUID.randomUUID(), new MemoryPersistence());
            client.connect(new MqttConnectionOptions());
            for (int i = 0; i < MESSAGES; i++) {
                String senml = "[{\"n\":\"level\",\"u\":\"m\",\"v\":" + (1 + i / 1000.0) + ",\"t\":"
                        + t0.plusSeconds(60L * i).getEpochSecond() + "}]";
                MqttMessage message = new MqttMessage(senml.getBytes(UTF_8));
                message.setQos(1);
                publishWaitingForRoom(client, message);
                sent.incrementAndGet();
                Thread.sleep(5);
            }
            client.disconnect();
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed after " + sent.get() + " messages", e);
        }
    }

    /** 32202 is Paho's flow control (paho.mqtt.java#993): wait for room and send the same message. */
    private static void publishWaitingForRoom(MqttClient client, MqttMessage message) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish("kawamori/282103/sensors/demo-gauge-1/up", message);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != 32202 || attempt == 50) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static long stored(String jdbcUrl) throws Exception {
        return query(jdbcUrl, "select count(*) from kawamori.reading where device_id = 'demo-gauge-1'");
    }

    private static long query(String jdbcUrl, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException beforeMigration) {
            return 0;
        }
    }

    private static Process start(Path data, String dbUrl) throws Exception {
        assertThat(JAR).as("the packaged jar").exists();
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toString(),
                        "demo",
                        "--data-dir",
                        data.toString(),
                        "--db-url",
                        dbUrl,
                        "--mqtt-url",
                        "tcp://127.0.0.1:1883",
                        "--http-port",
                        "0",
                        "--coap-port",
                        "0",
                        "--coaps-port",
                        "0",
                        "--https-port",
                        "0",
                        "--no-simulators")
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    System.out.println("[crash-it] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        pump.setDaemon(true);
        pump.start();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> !process.isAlive() || output.stream().anyMatch(l -> l.contains("Started in")));
        assertThat(process.isAlive())
                .as("the app is running; its output: %s", output)
                .isTrue();
        return process;
    }
}
