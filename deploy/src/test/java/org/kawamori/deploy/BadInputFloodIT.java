package org.kawamori.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.deploy.fixtures.AppHeap;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.GaugeRecord;
import org.kawamori.deploy.fixtures.GaugeStream;
import org.kawamori.deploy.fixtures.KawamoriJar;
import org.kawamori.deploy.fixtures.LocalPostgres;
import org.kawamori.deploy.fixtures.PrivateMosquitto;
import org.kawamori.deploy.fixtures.Sql;

/**
 * A flood of bad input while a gauge streams good readings: 6,000 bad MQTT messages of five kinds from
 * four publishers at full speed and 300 malformed CoAP posts, against the packaged app with a 512 MiB
 * heap. Every good reading is stored, every bad message is one dead-letter row with its reason (counts
 * equal, reason by reason), the live heap after a full GC grows by less than {@value #HEAP_GROWTH_MIB}
 * MiB over the flood, and the route keeps going: the readings sent after the flood are stored too
 * (runs after {@code package}, failsafe).
 */
class BadInputFloodIT {

    private static final int GOOD = 3_000;
    private static final int BAD_PER_PUBLISHER = 1_500;
    private static final int PUBLISHERS = 4;
    private static final int COAP_POSTS = 300;
    private static final long HEAP_GROWTH_MIB = 64;

    /** The five kinds of bad message, each with the reason it must be dead-lettered for. */
    private record Bad(RejectionReason reason, String topic, String payload) {}

    private static final String GAUGE = "kawamori/282103/sensors/demo-gauge-1/up";
    private static final List<Bad> KINDS = List.of(
            new Bad(RejectionReason.MALFORMED_PAYLOAD, GAUGE, "[{\"n\":\"level\",\"v\":1.0,\"t\":"),
            new Bad(
                    RejectionReason.UNKNOWN_DEVICE,
                    "kawamori/282103/sensors/ghost-gauge/up",
                    "[{\"n\":\"level\",\"u\":\"m\",\"v\":1.0}]"),
            new Bad(RejectionReason.WRONG_UNIT, GAUGE, "[{\"n\":\"level\",\"u\":\"cm\",\"v\":321}]"),
            new Bad(RejectionReason.VALUE_OUT_OF_RANGE, GAUGE, "[{\"n\":\"level\",\"u\":\"m\",\"v\":500}]"),
            new Bad(
                    RejectionReason.TIMESTAMP_OUT_OF_RANGE,
                    GAUGE,
                    "[{\"n\":\"level\",\"u\":\"m\",\"v\":1.0,\"t\":"
                            + Instant.now().plus(Duration.ofDays(2)).getEpochSecond() + "}]"));

    @Test
    void aFloodOfBadInputBesideGoodInputDeadLettersEveryBadMessageStoresEveryGoodOneAndKeepsTheHeapBounded()
            throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.started();
                LocalPostgres postgres = new LocalPostgres()) {
            KawamoriJar kawamori = KawamoriJar.on(broker.url(), postgres.jdbcUrl())
                    .withJvmOption("-Xmx512m")
                    .start();
            GaugeRecord gauge = GaugeRecord.of("demo-gauge-1", postgres.jdbcUrl());
            ExecutorService flooders = Executors.newFixedThreadPool(PUBLISHERS + 1);
            try (GaugeStream good = GaugeStream.of("demo-gauge-1", GOOD)
                    .every(Duration.ofMillis(20))
                    .to(broker.url())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> gauge.rows() >= 100);
                long heapBefore = AppHeap.liveBytesAfterGc(kawamori.pid(), kawamori.mapUrl());

                List<Future<?>> flood = new ArrayList<>();
                for (int p = 0; p < PUBLISHERS; p++) {
                    flood.add(flooders.submit(() -> floodOverMqtt(broker.url())));
                }
                flood.add(flooders.submit(() -> floodOverCoap(kawamori.coapUri())));
                for (Future<?> publisher : flood) {
                    publisher.get();
                }
                int badSent = PUBLISHERS * BAD_PER_PUBLISHER + COAP_POSTS;
                await().atMost(Duration.ofSeconds(120)).until(() -> gauge.deadLetters() == badSent);
                int goodSentWhenFloodWasDone = good.sent();

                good.awaitAllSent(Duration.ofSeconds(120));
                await().atMost(Duration.ofSeconds(60)).until(() -> gauge.rows() == GOOD);
                long heapAfter = AppHeap.liveBytesAfterGc(kawamori.pid(), kawamori.mapUrl());

                assertThat(goodSentWhenFloodWasDone)
                        .as("good readings came after the flood was dead-lettered too")
                        .isLessThan(GOOD - 100);
                assertThat(gauge.distinctTimes()).isEqualTo(GOOD);
                assertThat(deadLettersByReason(postgres.jdbcUrl())).isEqualTo(expectedByReason());
                assertThat(Sql.counts(
                                postgres.jdbcUrl(),
                                "select transport, count(*) from kawamori.dead_letter group by 1 order by 1"))
                        .containsExactlyEntriesOf(new TreeMap<>(
                                Map.of("COAP", (long) COAP_POSTS, "MQTT", (long) (PUBLISHERS * BAD_PER_PUBLISHER))));
                System.out.printf(
                        "[flood-it] live heap after GC: %d MiB before, %d MiB after the flood%n",
                        heapBefore >> 20, heapAfter >> 20);
                assertThat(heapAfter - heapBefore)
                        .as(
                                "live heap growth over the flood (before %d MiB, after %d MiB)",
                                heapBefore >> 20, heapAfter >> 20)
                        .isLessThan(HEAP_GROWTH_MIB << 20);
                assertThat(kawamori.isAlive()).isTrue();
            } finally {
                flooders.shutdownNow();
                kawamori.stop();
            }
        }
    }

    private static Map<String, Long> expectedByReason() {
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < BAD_PER_PUBLISHER; i++) {
            expected.merge(KINDS.get(i % KINDS.size()).reason().code(), (long) PUBLISHERS, Long::sum);
        }
        expected.merge(RejectionReason.MALFORMED_PAYLOAD.code(), (long) COAP_POSTS, Long::sum);
        return expected;
    }

    private static Map<String, Long> deadLettersByReason(String jdbcUrl) throws Exception {
        return new TreeMap<>(
                Sql.counts(jdbcUrl, "select reason, count(*) from kawamori.dead_letter group by 1 order by 1"));
    }

    private static Void floodOverMqtt(String brokerUrl) throws MqttException, InterruptedException {
        MqttClient client = new MqttClient(brokerUrl, "flood-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        try {
            for (int i = 0; i < BAD_PER_PUBLISHER; i++) {
                Bad bad = KINDS.get(i % KINDS.size());
                MqttMessage message = new MqttMessage(bad.payload().getBytes(UTF_8));
                message.setQos(1);
                publishWaitingForRoom(client, bad.topic(), message);
            }
        } finally {
            client.disconnect();
            client.close();
        }
        return null;
    }

    /** 32202 is Paho's flow control (paho.mqtt.java#993): wait for room and send the same message. */
    private static void publishWaitingForRoom(MqttClient client, String topic, MqttMessage message)
            throws MqttException, InterruptedException {
        while (true) {
            try {
                client.publish(topic, message); // returns at the broker's PUBACK
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != 32202) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    private static Void floodOverCoap(String coapUri) throws Exception {
        for (int i = 0; i < COAP_POSTS; i++) {
            CoapResponse answer = Devices.post(coapUri, "/s/demo-gauge-1", "[{\"n\":\"level\",\"v\":");
            assertThat(answer).as("CoAP answer %d", i).isNotNull();
            assertThat(answer.getCode().codeClass).isEqualTo(4);
        }
        return null;
    }
}
