package org.kawamori.notify.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;
import org.kawamori.notify.NoticeJson;

/**
 * Publishes each notice at QoS 1 to the one topic of its audience ({@link NoticeTopics#topicFor}) as
 * {@link NoticeJson}, with the MQTT 5 properties content type {@code application/json}, payload
 * format UTF-8, user property {@value #IDEMPOTENCY_KEY} and a message expiry. {@link #deliver}
 * returns once the broker acknowledged (PUBACK); it connects first when the connection is down.
 *
 * <p>One notice is in flight at a time (the dispatcher calls from one worker), well under any
 * broker's Receive Maximum; should Paho still say "too many publishes in progress" (32202), the
 * failure is retryable, like a timeout or a lost connection. A PUBACK with a refusal code (not
 * authorized, topic or payload invalid) is a refusal for good.
 */
public final class MqttNotifier implements Notifier, AutoCloseable {

    public static final String CHANNEL = "mqtt";
    public static final String IDEMPOTENCY_KEY = "idempotency-key";

    private final MqttNotifierConfig config;
    private final NoticeTopics topics;
    private final MqttAsyncClient client;

    public MqttNotifier(MqttNotifierConfig config) {
        this.config = config;
        this.topics = new NoticeTopics(config.topicRoot());
        try {
            this.client = new MqttAsyncClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot make an MQTT client for " + config.brokerUrl(), e);
        }
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    /** Every audience has its topic. */
    @Override
    public boolean accepts(Notice notice) {
        return true;
    }

    @Override
    public synchronized void deliver(Notice notice) throws DeliveryException {
        String topic = topics.topicFor(notice.audience());
        MqttMessage message = new MqttMessage(NoticeJson.bytes(notice));
        message.setQos(1);
        message.setRetained(false);
        MqttProperties properties = new MqttProperties();
        properties.setContentType(NoticeJson.CONTENT_TYPE);
        properties.setPayloadFormat(true);
        properties.setUserProperties(List.of(new UserProperty(IDEMPOTENCY_KEY, notice.key())));
        properties.setMessageExpiryInterval(config.messageExpiry().toSeconds());
        message.setProperties(properties);
        connectIfNeeded();
        try {
            IMqttToken token = client.publish(topic, message);
            token.waitForCompletion(config.publishTimeout().toMillis());
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw refusal(codes[0]);
            }
        } catch (MqttException e) {
            throw failure("publish", e);
        }
    }

    private void connectIfNeeded() throws DeliveryException {
        if (client.isConnected()) {
            return;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) config.connectTimeout().toSeconds());
        config.username().ifPresent(options::setUserName);
        config.password().map(p -> p.getBytes(StandardCharsets.UTF_8)).ifPresent(options::setPassword);
        try {
            client.connect(options).waitForCompletion(config.connectTimeout().toMillis());
        } catch (MqttException e) {
            throw failure("connect", e);
        }
    }

    /** A PUBACK reason code of 0x80 or above (MQTT 5 §3.4.2.1). */
    private static DeliveryException refusal(int code) {
        boolean retryable = code == 0x80 || code == 0x83 || code == 0x97; // unspecified, implementation specific, quota
        return new DeliveryException(
                "broker refused the publish: reason code 0x" + Integer.toHexString(code), retryable);
    }

    private static DeliveryException failure(String what, MqttException e) {
        int code = e.getReasonCode();
        if (code >= 0x80 && code <= 0xFF) {
            return refusal(code);
        }
        String reason =
                switch (code) {
                    case MqttClientException.REASON_CODE_MAX_INFLIGHT -> "too many publishes in progress";
                    case MqttClientException.REASON_CODE_CLIENT_TIMEOUT -> "timed out";
                    case MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED -> "not connected";
                    case MqttClientException.REASON_CODE_CONNECTION_LOST -> "connection lost";
                    case MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR -> "broker unreachable";
                    default -> "error";
                };
        return new DeliveryException("MQTT " + what + " failed: " + reason + " (" + code + ")", true);
    }

    @Override
    public synchronized void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(config.publishTimeout().toMillis())
                        .waitForCompletion(config.publishTimeout().toMillis());
            }
        } catch (MqttException e) {
            client.disconnectForcibly(0, 0, false);
        } finally {
            client.close(true);
        }
    }
}
