package org.kawamori.ingest.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.kawamori.ingest.fixtures.PahoDevices;
import org.kawamori.ingest.fixtures.RestartableMosquitto;
import org.kawamori.ingest.fixtures.ScriptedPipeline;

/**
 * The ingest's own reconnect after a broker restart, on a Mosquitto of the test's own: the resumed
 * session's queued messages arrive at once after the CONNACK, before the SUBACK of the re-subscribe,
 * and must not stall the client (re-subscribing on Paho's callback thread did, for a keep-alive of
 * 60 s and again after each reconnect, when the ingest still used Paho).
 */
class MqttIngestReconnectTest {

    private static final int QUEUED = 50;

    @Test
    void messagesQueuedForTheSessionDuringABrokerRestartArriveRightAfterTheReconnect() throws Exception {
        ScriptedPipeline pipeline = new ScriptedPipeline().accepting();
        try (RestartableMosquitto broker = new RestartableMosquitto()) {
            MqttIngestClient ingest = new MqttIngestClient(
                    new MqttIngestConfig(
                            broker.url(),
                            "ingest-" + UUID.randomUUID(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Duration.ofMinutes(2),
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(1),
                            MqttIngestConfig.DEFAULT_MAX_IN_FLIGHT),
                    pipeline,
                    Clock.systemUTC());
            try {
                ingest.start();
                broker.stop();
                broker.start();
                // published before the ingest is back (its first reconnect waits 1 s): queued for its session
                MqttClient gauge = new MqttClient(broker.url(), "gauge-" + UUID.randomUUID(), new MemoryPersistence());
                gauge.connect(new MqttConnectionOptions());
                for (int i = 0; i < QUEUED; i++) {
                    PahoDevices.publishQos1(
                            gauge,
                            "kawamori/282103/sensors/kunikane/up",
                            ("[{\"n\":\"level\",\"v\":" + i + "}]").getBytes(UTF_8));
                }
                gauge.disconnect();
                gauge.close();

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> pipeline.received().size() >= QUEUED);
                await().atMost(Duration.ofSeconds(10)).until(ingest::isConnected);
                assertThat(pipeline.received()).hasSize(QUEUED);
            } finally {
                ingest.close();
            }
        }
    }
}
