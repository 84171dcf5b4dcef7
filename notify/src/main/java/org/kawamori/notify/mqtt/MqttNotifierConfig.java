package org.kawamori.notify.mqtt;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.notify.ConfigValues;

/**
 * Settings of the MQTT channel; each key has its default right below it.
 *
 * @param brokerUrl e.g. {@code tcp://127.0.0.1:1883}
 * @param clientId the channel's client id at the broker, one per instance
 * @param username user at the broker, empty for an anonymous broker
 * @param password its password (never logged)
 * @param topicRoot the root of the notice topics ({@link NoticeTopics})
 * @param messageExpiry MQTT 5 message expiry: a notice not yet read by then is dropped by the broker
 * @param sessionExpiry how long the broker keeps the channel's session after a disconnect (the channel
 *     only publishes and waits for each PUBACK, so it needs none kept)
 * @param connectTimeout how long connecting may take
 * @param publishTimeout how long the broker may take to acknowledge (PUBACK) one notice
 */
public record MqttNotifierConfig(
        String brokerUrl,
        String clientId,
        Optional<String> username,
        Optional<String> password,
        String topicRoot,
        Duration messageExpiry,
        Duration sessionExpiry,
        Duration connectTimeout,
        Duration publishTimeout) {

    public static final String BROKER_URL = "notify.mqtt.broker-url";
    public static final String DEFAULT_BROKER_URL = "tcp://127.0.0.1:1883";
    public static final String CLIENT_ID = "notify.mqtt.client-id";
    public static final String DEFAULT_CLIENT_ID = "kawamori-notify-1";
    public static final String USERNAME = "notify.mqtt.username";
    public static final String PASSWORD = "notify.mqtt.password";
    public static final String TOPIC_ROOT = "notify.mqtt.topic-root";
    public static final String DEFAULT_TOPIC_ROOT = NoticeTopics.DEFAULT_ROOT;
    public static final String MESSAGE_EXPIRY = "notify.mqtt.message-expiry";
    public static final Duration DEFAULT_MESSAGE_EXPIRY = Duration.ofDays(1);
    public static final String SESSION_EXPIRY = "notify.mqtt.session-expiry";
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ZERO;
    public static final String CONNECT_TIMEOUT = "notify.mqtt.connect-timeout";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final String PUBLISH_TIMEOUT = "notify.mqtt.publish-timeout";
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    public MqttNotifierConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        new NoticeTopics(topicRoot);
        if (messageExpiry.toSeconds() < 1 || sessionExpiry.isNegative()) {
            throw new IllegalArgumentException(
                    MESSAGE_EXPIRY + " must be at least 1 s, " + SESSION_EXPIRY + " not negative");
        }
        if (connectTimeout.toSeconds() < 1 || publishTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(
                    CONNECT_TIMEOUT + " must be at least 1 s, " + PUBLISH_TIMEOUT + " positive");
        }
    }

    public static MqttNotifierConfig of(String brokerUrl) {
        return from(ConfigValues.of(Map.of(BROKER_URL, brokerUrl)));
    }

    public static MqttNotifierConfig from(ConfigValues values) {
        return new MqttNotifierConfig(
                values.string(BROKER_URL, DEFAULT_BROKER_URL),
                values.string(CLIENT_ID, DEFAULT_CLIENT_ID),
                values.optional(USERNAME),
                values.optional(PASSWORD),
                values.string(TOPIC_ROOT, DEFAULT_TOPIC_ROOT),
                values.duration(MESSAGE_EXPIRY, DEFAULT_MESSAGE_EXPIRY),
                values.duration(SESSION_EXPIRY, DEFAULT_SESSION_EXPIRY),
                values.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                values.duration(PUBLISH_TIMEOUT, DEFAULT_PUBLISH_TIMEOUT));
    }

    public MqttNotifierConfig withClientId(String id) {
        return new MqttNotifierConfig(
                brokerUrl,
                id,
                username,
                password,
                topicRoot,
                messageExpiry,
                sessionExpiry,
                connectTimeout,
                publishTimeout);
    }

    public MqttNotifierConfig withCredentials(String user, String secret) {
        return new MqttNotifierConfig(
                brokerUrl,
                clientId,
                Optional.of(user),
                Optional.of(secret),
                topicRoot,
                messageExpiry,
                sessionExpiry,
                connectTimeout,
                publishTimeout);
    }

    public MqttNotifierConfig withTopicRoot(String root) {
        return new MqttNotifierConfig(
                brokerUrl,
                clientId,
                username,
                password,
                root,
                messageExpiry,
                sessionExpiry,
                connectTimeout,
                publishTimeout);
    }

    @Override
    public String toString() {
        return "MqttNotifierConfig[" + brokerUrl + ", client " + clientId + ", user " + username.orElse("-")
                + ", password " + (password.isPresent() ? "****" : "-") + ", topics " + topicRoot + "]";
    }
}
