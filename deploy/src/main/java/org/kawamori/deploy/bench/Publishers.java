package org.kawamori.deploy.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

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
        List<MqttAsyncClient> clients = new ArrayList<>();
        AtomicLong acked = new AtomicLong();
        try {
            for (int c = 0; c < connections; c++) {
                MqttAsyncClient client = new MqttAsyncClient(
                        brokerUrl, "bench-pub-" + c + "-" + UUID.randomUUID(), new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setCleanStart(true);
                client.connect(options).waitForCompletion(10_000);
                clients.add(client);
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
            for (MqttAsyncClient client : clients) {
                try {
                    client.disconnect().waitForCompletion(10_000);
                    client.close();
                } catch (Exception e) {
                    // the run is over; a client that does not close cleanly changes no figure
                }
            }
        }
        return acked.get();
    }

    private void sendShare(
            MqttAsyncClient client, int connection, int count, IntFunction<Message> message, AtomicLong acked) {
        Semaphore inFlight = new Semaphore(window);
        MqttActionListener done = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acked.incrementAndGet();
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                inFlight.release();
            }
        };
        int refusedInARow = 0;
        for (int i = connection; i < count; i += connections) {
            Message m = message.apply(i);
            MqttMessage mqtt = new MqttMessage(m.payload().getBytes(StandardCharsets.UTF_8));
            mqtt.setQos(1);
            try {
                inFlight.acquire();
                client.publish(m.topic(), mqtt, null, done);
                refusedInARow = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // "too many publishes in progress" (32202): the window is above the broker's; wait and retry
                inFlight.release();
                if (++refusedInARow > 100_000) {
                    throw new IllegalStateException("the broker keeps refusing publishes: " + e.getMessage(), e);
                }
                i -= connections;
                Thread.onSpinWait();
            }
        }
        inFlight.acquireUninterruptibly(window);
    }
}
