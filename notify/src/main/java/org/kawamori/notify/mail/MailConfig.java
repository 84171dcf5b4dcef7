package org.kawamori.notify.mail;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.notify.ConfigValues;

/**
 * Settings of the mail channel; each key has its default right below it.
 *
 * @param host the SMTP server (a submission server of the municipality, or a local relay)
 * @param port its port
 * @param startTls whether the connection is upgraded with STARTTLS before anything else is said
 * @param username SMTP AUTH user (AUTH PLAIN or LOGIN, whichever the server offers), empty for none
 * @param password its password (never logged)
 * @param from the sender address ({@code From} and envelope sender)
 * @param connectTimeout how long connecting may take
 * @param timeout how long one SMTP read or write may take
 * @param subjectPrefix put before the Japanese title in the subject
 * @param rememberedNotices partly delivered notices remembered, so a retry mails only those not yet mailed
 */
public record MailConfig(
        String host,
        int port,
        StartTls startTls,
        Optional<String> username,
        Optional<String> password,
        String from,
        Duration connectTimeout,
        Duration timeout,
        String subjectPrefix,
        int rememberedNotices) {

    /** How STARTTLS is used. */
    public enum StartTls {
        /** Never (a relay on the same host only). */
        OFF,
        /** When the server offers it. */
        OPTIONAL,
        /** Always; a server that does not offer it is not talked to. */
        REQUIRED
    }

    public static final String HOST = "notify.mail.host";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String PORT = "notify.mail.port";
    public static final int DEFAULT_PORT = 587;
    public static final String START_TLS = "notify.mail.start-tls";
    public static final StartTls DEFAULT_START_TLS = StartTls.REQUIRED;
    public static final String USERNAME = "notify.mail.username";
    public static final String PASSWORD = "notify.mail.password";
    public static final String FROM = "notify.mail.from";
    public static final String CONNECT_TIMEOUT = "notify.mail.connect-timeout";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final String TIMEOUT = "notify.mail.timeout";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String SUBJECT_PREFIX = "notify.mail.subject-prefix";
    public static final String DEFAULT_SUBJECT_PREFIX = "【川守り】";
    public static final String REMEMBERED_NOTICES = "notify.mail.remembered-notices";
    public static final int DEFAULT_REMEMBERED_NOTICES = 10_000;

    public MailConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        MailRecipient.requireAddress(FROM, from);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT + " must be a TCP port");
        }
        if (connectTimeout.toMillis() < 1 || timeout.toMillis() < 1) {
            throw new IllegalArgumentException(CONNECT_TIMEOUT + " and " + TIMEOUT + " must be positive");
        }
        if (rememberedNotices < 1) {
            throw new IllegalArgumentException(REMEMBERED_NOTICES + " must be at least 1");
        }
    }

    /** The defaults, sending as {@code from} through {@code host:port}. */
    public static MailConfig of(String host, int port, String from) {
        return from(ConfigValues.of(Map.of(HOST, host, PORT, Integer.toString(port), FROM, from)));
    }

    public static MailConfig from(ConfigValues values) {
        return new MailConfig(
                values.string(HOST, DEFAULT_HOST),
                values.integer(PORT, DEFAULT_PORT),
                values.enumeration(START_TLS, StartTls.class, DEFAULT_START_TLS),
                values.optional(USERNAME),
                values.optional(PASSWORD),
                values.required(FROM),
                values.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                values.duration(TIMEOUT, DEFAULT_TIMEOUT),
                values.string(SUBJECT_PREFIX, DEFAULT_SUBJECT_PREFIX),
                values.integer(REMEMBERED_NOTICES, DEFAULT_REMEMBERED_NOTICES));
    }

    public MailConfig withStartTls(StartTls mode) {
        return new MailConfig(
                host, port, mode, username, password, from, connectTimeout, timeout, subjectPrefix, rememberedNotices);
    }

    public MailConfig withCredentials(String user, String secret) {
        return new MailConfig(
                host,
                port,
                startTls,
                Optional.of(user),
                Optional.of(secret),
                from,
                connectTimeout,
                timeout,
                subjectPrefix,
                rememberedNotices);
    }

    @Override
    public String toString() {
        return "MailConfig[" + host + ":" + port + ", STARTTLS " + startTls + ", user " + username.orElse("-")
                + ", password " + (password.isPresent() ? "****" : "-") + "]";
    }
}
