package org.kawamori.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kawamori.core.alert.Notice;
import org.kawamori.notify.fixtures.FreePorts;
import org.kawamori.notify.fixtures.InMemoryNoticeDeadLetters;
import org.kawamori.notify.fixtures.LogCapture;
import org.kawamori.notify.fixtures.Notices;
import org.kawamori.notify.fixtures.WebhookReceiver;
import org.kawamori.notify.fixtures.WebhookReceiver.Answer;
import org.kawamori.notify.mail.MailConfig;
import org.kawamori.notify.mail.MailNotifier;
import org.kawamori.notify.mail.MailRecipient;
import org.kawamori.notify.mail.MailRecipients;
import org.kawamori.notify.mqtt.MqttNotifier;
import org.kawamori.notify.mqtt.MqttNotifierConfig;
import org.kawamori.notify.webhook.WebhookConfig;
import org.kawamori.notify.webhook.WebhookNotifier;
import org.kawamori.notify.webhook.WebhookSubscription;

/**
 * A family's notice through every channel, delivered, retried, refused and dead-lettered, with the
 * logs of the whole JVM captured at DEBUG: none of the family's personal data shows up in them.
 */
class NothingPersonalInLogsTest {

    private static final String SECRET = "whsec-test-0123456789abcdef";
    private static final String GUARDIAN = "guardian.yamada@family.test";
    private static final String FAMILY =
            "fam-yamada-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void the_facts_titles_and_addresses_of_a_family_notice_never_appear_in_a_log() throws Exception {
        Notice notice = Notices.gatePass(FAMILY);
        InMemoryNoticeDeadLetters deadLetters = new InMemoryNoticeDeadLetters();
        GreenMail smtp = new GreenMail(new ServerSetup(FreePorts.tcp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<String> lines;
        try (LogCapture logs = new LogCapture();
                WebhookReceiver refusing = new WebhookReceiver(SECRET, Answer.BAD_REQUEST, Answer.SERVER_ERROR);
                WebhookReceiver taking = new WebhookReceiver(SECRET, Answer.OK)) {
            WebhookSubscription wrongFamily =
                    new WebhookSubscription("other-family", Notices.family("fam-other"), taking.url(), SECRET);
            WebhookNotifier webhook = new WebhookNotifier(
                    audience -> List.of(
                            new WebhookSubscription("fam-phone", notice.audience(), refusing.url(), SECRET),
                            new WebhookSubscription("fam-tablet", notice.audience(), taking.url(), SECRET),
                            wrongFamily),
                    WebhookConfig.defaults());
            MqttNotifier mqtt = new MqttNotifier(MqttNotifierConfig.of("tcp://127.0.0.1:" + FreePorts.tcp()));
            MailNotifier mail = new MailNotifier(
                    MailRecipients.of(List.of(new MailRecipient("fam-guardian", notice.audience(), GUARDIAN))),
                    MailConfig.of("127.0.0.1", smtp.getSmtp().getPort(), "kawamori@bousai.kakogawa.test")
                            .withStartTls(MailConfig.StartTls.OFF));
            DispatcherConfig config =
                    DispatcherConfig.defaults().withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50));
            try (NoticeDispatcher dispatcher =
                    new NoticeDispatcher(List.of(webhook, mqtt, mail), deadLetters, config)) {
                dispatcher.publish(notice);
                assertThat(deadLetters.await(2, Duration.ofSeconds(20))).isTrue();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> dispatcher.counters("mail").delivered() == 1);
            }
            assertThat(taking.taken()).containsOnlyKeys(notice.key());
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            lines = logs.lines();
        } finally {
            smtp.stop();
        }

        List<String> ours = lines.stream()
                // the test's own SMTP server logs what it receives; it is no part of Kawamori
                .filter(l -> !l.startsWith("com.icegreen"))
                .toList();
        assertThat(ours)
                .as("the captured logs say what happened")
                .anySatisfy(l -> assertThat(l).contains("dead-lettered on webhook"))
                .anySatisfy(l -> assertThat(l).contains("dead-lettered on mqtt"))
                .anySatisfy(l -> assertThat(l).contains("another audience"));
        for (String personal : List.of(
                Notices.CHILD_NAME,
                Notices.PLACE,
                "tag-secret-0042",
                "Hanako",
                notice.titleJa(),
                notice.titleEn(),
                GUARDIAN,
                FAMILY,
                SECRET)) {
            assertThat(ours).noneSatisfy(l -> assertThat(l).contains(personal));
        }
        assertThat(deadLetters.letters()).allSatisfy(l -> {
            for (String personal : List.of(Notices.CHILD_NAME, Notices.PLACE, GUARDIAN, FAMILY)) {
                assertThat(l.toString()).doesNotContain(personal);
            }
        });
    }
}
