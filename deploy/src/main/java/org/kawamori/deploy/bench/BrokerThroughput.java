package org.kawamori.deploy.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
        Mqtt5AsyncClient subscriber = BenchClients.connect(brokerUrl, "bench-sub", 65_535, 10);
        subscriber
                .subscribeWith()
                .topicFilter(root + "/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> {
                    lastArrival.set(System.nanoTime());
                    all.countDown();
                })
                .send()
                .get(10, TimeUnit.SECONDS);
        try {
            long start = System.nanoTime();
            new Publishers(brokerUrl, connections, window)
                    .send(messages, i -> new Publishers.Message(root + "/s" + (i % 1000), payload));
            if (!all.await(60, TimeUnit.SECONDS)) {
                return Double.NaN;
            }
            return messages / ((lastArrival.get() - start) / 1e9);
        } finally {
            BenchClients.disconnect(subscriber);
        }
    }
}
