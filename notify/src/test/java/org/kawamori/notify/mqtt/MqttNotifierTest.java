package org.kawamori.notify.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier.DeliveryException;
import org.kawamori.notify.NoticeJson;
import org.kawamori.notify.fixtures.FreePorts;
import org.kawamori.notify.fixtures.NoticeBroker;
import org.kawamori.notify.fixtures.Notices;
import org.kawamori.notify.fixtures.TopicListener;
import org.kawamori.notify.fixtures.TopicListener.Received;

/**
 * The MQTT channel against the machine's Mosquitto (127.0.0.1:1883, anonymous, topics under a root
 * unique to this run) and an embedded HiveMQ CE with the family ACL (default root), with real Paho
 * subscribers.
 */
class MqttNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static NoticeBroker hivemq;

    /** A broker under test and how the notifier and the readers log in to it. */
    record Broker(String name, String url, String topicRoot, boolean authenticated) {
        @Override
        public String toString() {
            return name;
        }

        MqttNotifier notifier() {
            MqttNotifierConfig config = MqttNotifierConfig.of(url)
                    .withClientId("notify-test-" + UUID.randomUUID())
                    .withTopicRoot(topicRoot);
            return new MqttNotifier(
                    authenticated ? config.withCredentials(NoticeBroker.SERVICE_USER, NoticeBroker.PASSWORD) : config);
        }

        TopicListener reader(Audience reader) throws Exception {
            return authenticated
                    ? new TopicListener(
                            url, Optional.of(NoticeBroker.userOf(reader)), Optional.of(NoticeBroker.PASSWORD))
                    : new TopicListener(url, Optional.empty(), Optional.empty());
        }

        TopicListener everything() throws Exception {
            return authenticated
                    ? new TopicListener(url, Optional.of(NoticeBroker.SERVICE_USER), Optional.of(NoticeBroker.PASSWORD))
                    : new TopicListener(url, Optional.empty(), Optional.empty());
        }

        NoticeTopics topics() {
            return new NoticeTopics(topicRoot);
        }
    }

    @BeforeAll
    static void startHiveMq() throws Exception {
        hivemq = new NoticeBroker();
    }

    @AfterAll
    static void stopHiveMq() throws Exception {
        hivemq.close();
    }

    static Stream<Broker> brokers() {
        return Stream.of(
                new Broker("Mosquitto", "tcp://127.0.0.1:1883", "kawamori-test/" + RUN + "/notices", false),
                new Broker("embedded HiveMQ", hivemq.url(), NoticeTopics.DEFAULT_ROOT, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void a_family_reader_gets_its_familys_notices_and_nothing_of_another_family(Broker broker) throws Exception {
        String a = "fam-a-" + RUN;
        String b = "fam-b-" + RUN;
        NoticeTopics topics = broker.topics();
        try (MqttNotifier notifier = broker.notifier();
                TopicListener familyA = broker.reader(Notices.family(a));
                TopicListener all = broker.everything()) {
            assertThat(familyA.subscribe(topics.topicFor(Notices.family(a)))).isEqualTo(1);
            assertThat(all.subscribe(topics.root() + "/#")).isEqualTo(1);
            Notice first = Notices.gatePass(a);
            Notice ofB = Notices.gatePass(b);
            Notice second = Notices.gatePass(a);
            Notice flood = Notices.flood();

            for (Notice n : List.of(first, ofB, second, flood)) {
                notifier.deliver(n);
            }

            // one publisher, QoS 1: had B's notice been on A's topic it would have come between A's two
            assertThat(keyOf(familyA.next(WAIT))).isEqualTo(first.key());
            assertThat(keyOf(familyA.next(WAIT))).isEqualTo(second.key());
            List<Received> seen = List.of(
                    all.next(WAIT).orElseThrow(),
                    all.next(WAIT).orElseThrow(),
                    all.next(WAIT).orElseThrow(),
                    all.next(WAIT).orElseThrow());
            assertThat(seen)
                    .extracting(Received::topic)
                    .containsExactly(
                            topics.root() + "/family/" + a,
                            topics.root() + "/family/" + b,
                            topics.root() + "/family/" + a,
                            topics.root() + "/municipality/282103");
            assertThat(familyA.drain()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokers")
    void a_notice_is_the_json_document_with_content_type_idempotency_key_and_expiry(Broker broker) throws Exception {
        NoticeTopics topics = broker.topics();
        Audience.Officers officers = Notices.officers();
        try (MqttNotifier notifier = broker.notifier();
                TopicListener desk = broker.reader(officers)) {
            assertThat(desk.subscribe(topics.topicFor(officers))).isEqualTo(1);
            Notice notice = Notices.flood();

            notifier.deliver(notice);

            Received received = desk.next(WAIT).orElseThrow();
            assertThat(received.topic()).isEqualTo(topics.root() + "/municipality/282103");
            assertThat(received.payload()).isEqualTo(NoticeJson.string(notice));
            assertThat(received.message().getQos()).isEqualTo(1);
            MqttProperties properties = received.message().getProperties();
            assertThat(properties.getContentType()).isEqualTo("application/json");
            assertThat(properties.getPayloadFormat()).isTrue();
            assertThat(properties.getUserProperties())
                    .extracting(UserProperty::getKey, UserProperty::getValue)
                    .contains(org.assertj.core.groups.Tuple.tuple("idempotency-key", notice.key()));
            assertThat(properties.getMessageExpiryInterval())
                    .isPositive()
                    .isLessThanOrEqualTo(MqttNotifierConfig.DEFAULT_MESSAGE_EXPIRY.toSeconds());
        }
    }

    @Test
    void the_broker_lets_a_family_subscribe_to_its_own_topic_and_the_public_one_only() throws Exception {
        Broker broker = brokers().filter(Broker::authenticated).findFirst().orElseThrow();
        Audience.Family a = Notices.family("fam-a-" + RUN);
        Audience.Family b = Notices.family("fam-b-" + RUN);
        NoticeTopics topics = NoticeTopics.DEFAULT;
        try (TopicListener familyA = broker.reader(a);
                TopicListener officers = broker.reader(Notices.officers())) {
            assertThat(familyA.subscribe(topics.topicFor(a))).isEqualTo(1);
            assertThat(familyA.subscribe(topics.topicFor(new Audience.Public())))
                    .isEqualTo(1);
            assertThat(familyA.subscribe(topics.topicFor(b))).isEqualTo(0x87);
            assertThat(familyA.subscribe("kawamori/notices/family/+")).isEqualTo(0x87);
            assertThat(familyA.subscribe("kawamori/#")).isEqualTo(0x87);
            assertThat(familyA.subscribe(topics.topicFor(Notices.officers()))).isEqualTo(0x87);
            assertThat(officers.subscribe(topics.topicFor(a))).isEqualTo(0x87);
            assertThat(officers.subscribe(topics.topicFor(Notices.officers()))).isEqualTo(1);
        }
    }

    @Test
    void a_broker_nobody_listens_on_is_a_retryable_failure() throws Exception {
        MqttNotifierConfig config = MqttNotifierConfig.of("tcp://127.0.0.1:" + FreePorts.tcp());
        try (MqttNotifier notifier = new MqttNotifier(config)) {
            assertThatThrownBy(() -> notifier.deliver(Notices.flood()))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).startsWith("MQTT connect failed");
                    });
        }
    }

    private static String keyOf(Optional<Received> received) {
        String payload = received.orElseThrow().payload();
        int start = payload.indexOf("\"key\":\"") + 7;
        return payload.substring(start, payload.indexOf('"', start));
    }
}
