package org.kawamori.notify.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.kawamori.core.alert.Notice;
import org.kawamori.notify.SubscriberFanOut;

/**
 * Mails each notice to every address of its audience over SMTP (Jakarta Mail, Eclipse Angus), one
 * message per recipient so that no recipient sees another's address: subject {@code prefix +
 * Japanese title} (RFC 2047 encoded, UTF-8), a plain-text UTF-8 body in Japanese then English, the
 * idempotency key in {@code Message-ID} and {@value #IDEMPOTENCY_KEY_HEADER}. A 4xx answer and an
 * unreachable server are worth another try, a 5xx answer and a failed login are not. Failure
 * reasons carry the SMTP code only: a server's text may quote the address.
 */
public final class MailNotifier extends SubscriberFanOut<MailRecipient> {

    public static final String CHANNEL = "mail";
    public static final String IDEMPOTENCY_KEY_HEADER = "X-Kawamori-Idempotency-Key";

    /**
     * Angus Mail logs the envelope (recipient addresses) at FINE through java.util.logging; its
     * loggers are held at INFO so that turning on debug logging never writes a guardian's address.
     * Kept in a field: java.util.logging forgets the level of a logger nobody references.
     */
    private static final java.util.logging.Logger MAIL_LIBRARY =
            java.util.logging.Logger.getLogger("org.eclipse.angus.mail");

    static {
        MAIL_LIBRARY.setLevel(java.util.logging.Level.INFO);
    }

    private final MailConfig config;
    private final Session session;

    public MailNotifier(MailRecipients recipients, MailConfig config) {
        super(recipients::forAudience, config.rememberedNotices());
        this.config = config;
        this.session = Session.getInstance(properties(config));
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    protected void send(Notice notice, MailRecipient recipient) throws DeliveryException {
        try {
            MimeMessage message = new KeyedMessage(session, messageId(notice, recipient));
            message.setFrom(new InternetAddress(config.from(), true));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient.address(), true));
            message.setSubject(MailText.subject(config.subjectPrefix(), notice), StandardCharsets.UTF_8.name());
            message.setText(MailText.body(notice), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader(IDEMPOTENCY_KEY_HEADER, notice.key());
            message.setHeader("Auto-Submitted", "auto-generated");
            if (config.username().isPresent()) {
                Transport.send(
                        message, config.username().get(), config.password().orElse(""));
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw classify(e);
        }
    }

    /** Retryable for 4xx and I/O trouble; the reason names the SMTP code, never the server's text. */
    static DeliveryException classify(MessagingException failure) {
        for (Exception e = failure; e != null; e = next(e)) {
            int code = -1;
            if (e instanceof SMTPAddressFailedException address) {
                code = address.getReturnCode();
            } else if (e instanceof SMTPSenderFailedException sender) {
                code = sender.getReturnCode();
            } else if (e instanceof SMTPSendFailedException send) {
                code = send.getReturnCode();
            }
            if (code >= 400) {
                return new DeliveryException("SMTP " + code, code < 500);
            }
            if (e instanceof AuthenticationFailedException) {
                return new DeliveryException("SMTP authentication failed", false);
            }
            if (e instanceof IOException) {
                return new DeliveryException(
                        "SMTP server unreachable (" + e.getClass().getSimpleName() + ")", true);
            }
        }
        if (failure.getMessage() != null && failure.getMessage().contains("STARTTLS")) {
            return new DeliveryException("SMTP server does not offer the required STARTTLS", false);
        }
        return new DeliveryException(
                "SMTP error " + failure.getClass().getSimpleName(), !(failure instanceof SendFailedException));
    }

    private static Exception next(Exception e) {
        if (e instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return e.getCause() instanceof Exception cause && cause != e ? cause : null;
    }

    private static String messageId(Notice notice, MailRecipient recipient) {
        return "<" + (notice.key() + "." + recipient.id()).replaceAll("[^A-Za-z0-9._-]", "_") + "@kawamori.notify>";
    }

    private static Properties properties(MailConfig config) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.from", config.from());
        p.put(
                "mail.smtp.connectiontimeout",
                Long.toString(config.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(config.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(config.timeout().toMillis()));
        p.put("mail.smtp.auth", Boolean.toString(config.username().isPresent()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls() != MailConfig.StartTls.OFF));
        p.put("mail.smtp.starttls.required", Boolean.toString(config.startTls() == MailConfig.StartTls.REQUIRED));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.mime.charset", StandardCharsets.UTF_8.name());
        return p;
    }

    /** A message whose Message-ID is derived from the notice key, so that a repeat can be recognised. */
    private static final class KeyedMessage extends MimeMessage {
        private final String id;

        KeyedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
