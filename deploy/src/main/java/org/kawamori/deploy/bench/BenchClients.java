package org.kawamori.deploy.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The benchmarks' own MQTT 5 clients: the HiveMQ client on Netty. A load generator in the same JVM
 * as Kawamori competes with it for the same cores, so it has to be cheap; Paho, which Kawamori's
 * ingest uses, reads each packet byte by byte, and as a publisher took most of a core for 16,000
 * messages per second on this machine.
 */
final class BenchClients {

    private BenchClients() {}

    /**
     * A connected client with a clean session.
     *
     * @param receiveMaximum QoS 1 messages the broker may send it before it acknowledges them
     * @param sendMaximum QoS 1 messages it publishes before it waits for a PUBACK (the broker's own
     *     receive maximum may be lower, and then that applies)
     */
    static Mqtt5AsyncClient connect(String brokerUrl, String name, int receiveMaximum, int sendMaximum)
            throws Exception {
        URI uri = URI.create(brokerUrl);
        if (!"tcp".equals(uri.getScheme()) && !"mqtt".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the benchmarks speak plain MQTT (tcp://host:port), not " + brokerUrl);
        }
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(name + "-" + UUID.randomUUID())
                .serverHost(uri.getHost())
                .serverPort(uri.getPort() < 0 ? 1883 : uri.getPort())
                .buildAsync();
        client.connectWith()
                .cleanStart(true)
                .restrictions()
                .receiveMaximum(receiveMaximum)
                .sendMaximum(sendMaximum)
                .applyRestrictions()
                .send()
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Disconnects; a client that does not close cleanly at the end of a run changes no figure. */
    static void disconnect(Mqtt5AsyncClient client) {
        try {
            client.disconnect().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the run is over
        }
    }
}
