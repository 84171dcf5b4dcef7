package org.kawamori.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load generators of {@code bench}: every message arrives, each subject's in order. */
class PublishersTest {

    private static BenchBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = BenchBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void everyMessageIsAcknowledgedAndArrivesAndEachSubjectKeepsItsOrder() throws Exception {
        Map<String, List<Integer>> bySubject = new ConcurrentHashMap<>();
        Mqtt5AsyncClient subscriber = BenchClients.connect(broker.url(), "test-sub", 65_535, 10);
        subscriber
                .subscribeWith()
                .topicFilter("publishers-test/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> bySubject
                        .computeIfAbsent(p.getTopic().toString(), t -> new CopyOnWriteArrayList<>())
                        .add(Integer.parseInt(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8))))
                .send()
                .get(10, TimeUnit.SECONDS);
        try {
            // subject i % 8 on connection i % 4: each subject stays on one connection
            long acknowledged = new Publishers(broker.url(), 4, 20)
                    .send(5_000, i -> new Publishers.Message("publishers-test/s" + (i % 8), Integer.toString(i)));

            assertThat(acknowledged).isEqualTo(5_000);
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() ->
                            bySubject.values().stream().mapToInt(List::size).sum() == 5_000);
            assertThat(bySubject).hasSize(8);
            bySubject.forEach((subject, numbers) ->
                    assertThat(numbers).as(subject).hasSize(625).isSorted());
        } finally {
            BenchClients.disconnect(subscriber);
        }
    }

    @Test
    void theBrokerOnlyRunCountsWhatTheSubscriberReceived() throws Exception {
        double rate = BrokerThroughput.measure(broker.url(), 2_000, 2, 20, "[{\"n\":\"level\",\"v\":1.0}]");

        assertThat(rate).isFinite().isPositive();
    }
}
