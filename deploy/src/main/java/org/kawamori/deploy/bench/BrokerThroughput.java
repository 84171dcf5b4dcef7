package org.kawamori.deploy.bench;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The broker's own limit: the same publishers and payloads as the Kawamori runs, QoS 1, to one QoS 1
 * subscriber on a topic of its own; no Kawamori. Measured from the first publish to the last message
 * received.
 */
final class BrokerThroughput {

    private BrokerThroughput() {}

    /** Messages per second delivered to the subscriber; NaN when not all arrived within a minute. */
    static double measure(String brokerUrl, int messages, int connections, int window, String payload)
            throws Exception {
        String root = "kawamori-bench/" + UUID.randomUUID();
        CountDownLatch all = new CountDownLatch(messages);
        AtomicLong lastArrival = new AtomicLong();
        MqttAsyncClient subscriber =
                new MqttAsyncClient(brokerUrl, "bench-sub-" + UUID.randomUUID(), new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                lastArrival.set(System.nanoTime());
                all.countDown();
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
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(65_535);
        subscriber.connect(options).waitForCompletion(10_000);
        subscriber.subscribe(root + "/#", 1).waitForCompletion(10_000);
        try {
            long start = System.nanoTime();
            new Publishers(brokerUrl, connections, window)
                    .send(messages, i -> new Publishers.Message(root + "/s" + (i % 1000), payload));
            if (!all.await(60, TimeUnit.SECONDS)) {
                return Double.NaN;
            }
            return messages / ((lastArrival.get() - start) / 1e9);
        } finally {
            subscriber.disconnect().waitForCompletion(10_000);
            subscriber.close();
        }
    }
}
