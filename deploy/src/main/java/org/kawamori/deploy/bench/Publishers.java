package org.kawamori.deploy.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.reactivex.Flowable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Publishes a numbered stream of QoS 1 messages as fast as the broker acknowledges them, from several
 * connections, each with at most {@code window} messages in flight. Message i goes out on connection
 * {@code i % connections}, so one subject's messages keep their order when the caller maps subjects
 * to connections by {@code i % connections}.
 */
final class Publishers {

    /** A message: its topic and payload. */
    record Message(String topic, String payload) {}

    private final String brokerUrl;
    private final int connections;
    private final int window;

    Publishers(String brokerUrl, int connections, int window) {
        this.brokerUrl = brokerUrl;
        this.connections = connections;
        this.window = window;
    }

    /** Sends messages 0..count-1 and returns how many the broker acknowledged. */
    long send(int count, IntFunction<Message> message) throws Exception {
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        AtomicLong acked = new AtomicLong();
        try {
            for (int c = 0; c < connections; c++) {
                clients.add(BenchClients.connect(brokerUrl, "bench-pub-" + c, 10, window));
            }
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int connection = c;
                Thread t = new Thread(
                        () -> sendShare(clients.get(connection), connection, count, message, acked),
                        "bench-publisher-" + c);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            clients.forEach(BenchClients::disconnect);
        }
        return acked.get();
    }

    /**
     * One connection's share as one reactive stream: the client takes messages as the broker's receive
     * maximum allows and hands back each PUBACK, with no future or callback per message.
     */
    private void sendShare(
            Mqtt5AsyncClient client, int connection, int count, IntFunction<Message> message, AtomicLong acked) {
        long ok = client.toRx()
                .publish(Flowable.range(0, (count - connection + connections - 1) / connections)
                        .map(k -> {
                            Message m = message.apply(connection + k * connections);
                            return Mqtt5Publish.builder()
                                    .topic(m.topic())
                                    .qos(MqttQos.AT_LEAST_ONCE)
                                    .payload(m.payload().getBytes(StandardCharsets.UTF_8))
                                    .build();
                        }))
                .filter(result -> result.getError().isEmpty())
                .count()
                .blockingGet();
        acked.addAndGet(ok);
    }
}
