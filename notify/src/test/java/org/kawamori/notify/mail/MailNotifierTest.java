package org.kawamori.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier.DeliveryException;
import org.kawamori.notify.fixtures.FreePorts;
import org.kawamori.notify.fixtures.Notices;

/** The mail channel against a real SMTP server in the test JVM (GreenMail). */
class MailNotifierTest {

    private static final String FROM = "kawamori@bousai.kakogawa.test";
    private static final String DESK = "bousai@city.kakogawa.test";
    private static final String LOGIN = "notify";
    private static final String LOGIN_SECRET = "smtp-test-secret";

    private GreenMail smtp;
    private MailConfig config;

    @BeforeEach
    void startSmtp() {
        int port = FreePorts.tcp();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, LOGIN, LOGIN_SECRET));
        smtp.start();
        config = MailConfig.of("127.0.0.1", port, FROM).withStartTls(MailConfig.StartTls.OFF);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private static MailRecipients recipients(MailRecipient... all) {
        return MailRecipients.of(List.of(all));
    }

    @Test
    void a_notice_arrives_with_its_recipient_an_encoded_japanese_subject_and_a_body_in_japanese_then_english()
            throws Exception {
        MailNotifier notifier =
                new MailNotifier(recipients(new MailRecipient("kakogawa-desk", Notices.officers(), DESK)), config);
        Notice notice = Notices.flood();

        notifier.deliver(notice);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly(DESK);
        assertThat(addresses(mail.getFrom())).containsExactly(FROM);
        assertThat(mail.getSubject()).isEqualTo("【川守り】加古川 国包: 氾濫注意水位に到達");
        String rawSubject = mail.getHeader("Subject")[0];
        assertThat(rawSubject).startsWith("=?UTF-8?").endsWith("?=");
        assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(rawSubject)).isTrue();
        assertThat(mail.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        assertThat(body)
                .startsWith("加古川 国包: 氾濫注意水位に到達\n")
                .contains("日時: 2026年7月1日 12:04（日本時間）\n")
                .contains("重要度: 警戒\n", "状況: 引き上げ\n", "  station: kunikane\n")
                .contains("Kakogawa at Kunikane: flood warning stage reached\n")
                .contains("Time: 2026-07-01 03:04 UTC\n", "Severity: warning\n", "Transition: escalated\n");
        assertThat(body.indexOf("氾濫注意水位")).isLessThan(body.indexOf("---- English ----"));
        assertThat(body.indexOf("---- English ----")).isLessThan(body.indexOf("Kakogawa at Kunikane"));
        assertThat(mail.getHeader(MailNotifier.IDEMPOTENCY_KEY_HEADER)).containsExactly(notice.key());
        assertThat(mail.getMessageID()).contains(notice.key());
    }

    @Test
    void a_family_notice_is_mailed_to_each_of_that_familys_guardians_and_nobody_else() throws Exception {
        MailNotifier notifier = new MailNotifier(
                recipients(
                        new MailRecipient("fam-a-mother", Notices.family("fam-a"), "mother@a.test"),
                        new MailRecipient("fam-a-father", Notices.family("fam-a"), "father@a.test"),
                        new MailRecipient("fam-b-mother", Notices.family("fam-b"), "mother@b.test"),
                        new MailRecipient("kakogawa-desk", Notices.officers(), DESK)),
                config);

        notifier.deliver(Notices.gatePass("fam-a"));

        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(Arrays.stream(mails).map(MailNotifierTest::onlyRecipient))
                .containsExactlyInAnyOrder("mother@a.test", "father@a.test");
        assertThat(smtp.getReceivedMessagesForDomain("b.test")).isEmpty();
        assertThat(smtp.getReceivedMessagesForDomain("city.kakogawa.test")).isEmpty();
    }

    @Test
    void the_notifier_logs_in_with_smtp_auth_and_a_wrong_password_is_a_refusal_for_good() throws Exception {
        MailRecipients desk = recipients(new MailRecipient("kakogawa-desk", Notices.officers(), DESK));

        new MailNotifier(desk, config.withCredentials(LOGIN, LOGIN_SECRET)).deliver(Notices.flood());
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();

        MailNotifier wrong = new MailNotifier(desk, config.withCredentials(LOGIN, "not-the-secret"));
        assertThatThrownBy(() -> wrong.deliver(Notices.flood())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage())
                    .isEqualTo("1 of 1 subscribers refused: kakogawa-desk: SMTP authentication failed");
        });
    }

    @Test
    void a_server_without_the_required_starttls_is_not_talked_to() {
        MailNotifier notifier = new MailNotifier(
                recipients(new MailRecipient("kakogawa-desk", Notices.officers(), DESK)),
                config.withStartTls(MailConfig.StartTls.REQUIRED));

        assertThatThrownBy(() -> notifier.deliver(Notices.flood()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void nobody_listening_is_a_retryable_failure() {
        MailNotifier notifier = new MailNotifier(
                recipients(new MailRecipient("kakogawa-desk", Notices.officers(), DESK)),
                MailConfig.of("127.0.0.1", FreePorts.tcp(), FROM).withStartTls(MailConfig.StartTls.OFF));

        assertThatThrownBy(() -> notifier.deliver(Notices.flood()))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("SMTP server unreachable");
                });
    }

    @Test
    void a_4xx_answer_is_retryable_a_5xx_is_not_and_neither_reason_quotes_the_address() throws Exception {
        InternetAddress address = new InternetAddress("mother@a.test");
        MessagingException temporary = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(address, "RCPT TO", 450, "450 <mother@a.test> mailbox busy"));
        MessagingException permanent = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(address, "RCPT TO", 550, "550 <mother@a.test> no such user"));

        assertThat(MailNotifier.classify(temporary).retryable()).isTrue();
        assertThat(MailNotifier.classify(temporary).getMessage()).isEqualTo("SMTP 450");
        assertThat(MailNotifier.classify(permanent).retryable()).isFalse();
        assertThat(MailNotifier.classify(permanent).getMessage()).isEqualTo("SMTP 550");
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses)
                .map(a -> ((InternetAddress) a).getAddress())
                .toList();
    }

    private static String onlyRecipient(MimeMessage mail) {
        try {
            return addresses(mail.getRecipients(Message.RecipientType.TO)).stream()
                    .reduce((a, b) -> {
                        throw new AssertionError("more than one recipient");
                    })
                    .orElseThrow();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
