package org.kawamori.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.alert.Notice;
import org.kawamori.notify.fixtures.FreePorts;
import org.kawamori.notify.fixtures.InMemoryNoticeDeadLetters;
import org.kawamori.notify.fixtures.Notices;
import org.kawamori.notify.fixtures.TopicListener;
import org.kawamori.notify.mail.MailConfig;
import org.kawamori.notify.mail.MailNotifier;
import org.kawamori.notify.mail.MailRecipient;
import org.kawamori.notify.mail.MailRecipients;
import org.kawamori.notify.mqtt.MqttNotifier;
import org.kawamori.notify.mqtt.MqttNotifierConfig;
import org.kawamori.notify.mqtt.NoticeTopics;
import org.kawamori.notify.webhook.WebhookConfig;
import org.kawamori.notify.webhook.WebhookNotifier;
import org.kawamori.notify.webhook.WebhookSubscription;
import org.kawamori.notify.webhook.WebhookSubscriptions;

/**
 * All three channels on one dispatcher, with a dead webhook (a port that accepts and never answers,
 * or a closed port): MQTT (the machine's Mosquitto) and mail (GreenMail) still get every notice at
 * once, while the webhook's 30 s timeout or its long back-off is still running.
 */
class ChannelIsolationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(30);

    private final InMemoryNoticeDeadLetters deadLetters = new InMemoryNoticeDeadLetters();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final CountDownLatch webhookCalled = new CountDownLatch(1);
    private ServerSocket hanging;
    private GreenMail smtp;

    @BeforeEach
    void start() throws IOException {
        hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(hanging.accept()); // never read, never answered
                    webhookCalled.countDown();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        smtp = new GreenMail(new ServerSetup(FreePorts.tcp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() throws IOException {
        hanging.close();
        for (Socket s : held) {
            s.close();
        }
        smtp.stop();
    }

    @ParameterizedTest(name = "webhook {0}")
    @ValueSource(strings = {"hanging", "closed"})
    void a_dead_webhook_does_not_delay_the_mqtt_and_mail_channels(String webhook) throws Exception {
        int port = webhook.equals("hanging") ? hanging.getLocalPort() : FreePorts.tcp();
        URI url = URI.create("http://127.0.0.1:" + port + "/hook");
        String root = "kawamori-test/" + UUID.randomUUID() + "/notices";
        NoticeTopics topics = new NoticeTopics(root);
        WebhookNotifier webhooks = new WebhookNotifier(
                WebhookSubscriptions.of(List.of(new WebhookSubscription(
                        "kakogawa-desk", Notices.officers(), url, "whsec-test-0123456789abcdef"))),
                WebhookConfig.defaults().withTimeouts(WEBHOOK_TIMEOUT, WEBHOOK_TIMEOUT));
        MqttNotifier mqtt = new MqttNotifier(MqttNotifierConfig.of("tcp://127.0.0.1:1883")
                .withClientId("notify-isolation-" + UUID.randomUUID())
                .withTopicRoot(root));
        MailNotifier mail = new MailNotifier(
                MailRecipients.of(
                        List.of(new MailRecipient("kakogawa-desk", Notices.officers(), "bousai@city.kakogawa.test"))),
                MailConfig.of("127.0.0.1", smtp.getSmtp().getPort(), "kawamori@bousai.kakogawa.test")
                        .withStartTls(MailConfig.StartTls.OFF));
        DispatcherConfig config = DispatcherConfig.defaults()
                .withRetries(5, Duration.ofMinutes(1), Duration.ofMinutes(5))
                .withDrainTimeout(Duration.ofMillis(200));
        List<Notice> notices = List.of(Notices.flood(), Notices.flood(), Notices.flood());

        try (TopicListener desk = new TopicListener("tcp://127.0.0.1:1883", Optional.empty(), Optional.empty())) {
            assertThat(desk.subscribe(topics.topicFor(Notices.officers()))).isEqualTo(1);
            NoticeDispatcher dispatcher = new NoticeDispatcher(List.of(webhooks, mqtt, mail), deadLetters, config);
            long start = System.nanoTime();
            notices.forEach(dispatcher::publish);
            if (webhook.equals("hanging")) {
                assertThat(webhookCalled.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .isTrue();
            }

            for (int i = 0; i < notices.size(); i++) {
                assertThat(desk.next(WAIT)).isPresent();
            }
            assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), notices.size()))
                    .isTrue();
            Duration othersTook = Duration.ofNanos(System.nanoTime() - start);

            assertThat(othersTook).isLessThan(WEBHOOK_TIMEOUT);
            // the receivers may have a notice a moment before its channel hears back (PUBACK, 250)
            await().atMost(WAIT).until(() -> dispatcher.counters("mqtt").delivered() == 3);
            await().atMost(WAIT).until(() -> dispatcher.counters("mail").delivered() == 3);
            assertThat(dispatcher.counters("webhook").delivered()).isZero();
            assertThat(dispatcher.counters("webhook").pending()).isEqualTo(3);

            dispatcher.close();
            assertThat(deadLetters.letters()).hasSize(3).allSatisfy(l -> assertThat(l.channel())
                    .isEqualTo("webhook"));
        }
    }
}
