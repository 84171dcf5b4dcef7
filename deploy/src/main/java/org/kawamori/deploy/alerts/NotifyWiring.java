package org.kawamori.deploy.alerts;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.NoticeDeadLetters;
import org.kawamori.core.alert.Notifier;
import org.kawamori.notify.ConfigValues;
import org.kawamori.notify.DispatcherConfig;
import org.kawamori.notify.NoticeDispatcher;
import org.kawamori.notify.mail.MailConfig;
import org.kawamori.notify.mail.MailNotifier;
import org.kawamori.notify.mail.MailRecipient;
import org.kawamori.notify.mail.MailRecipients;
import org.kawamori.notify.mqtt.MqttNotifier;
import org.kawamori.notify.mqtt.MqttNotifierConfig;
import org.kawamori.notify.webhook.WebhookConfig;
import org.kawamori.notify.webhook.WebhookNotifier;
import org.kawamori.notify.webhook.WebhookSubscription;
import org.kawamori.notify.webhook.WebhookSubscriptions;

/**
 * The notification channels from flat configuration keys (a properties file given with {@code
 * --notify-config}, see the notify module's README for the channel settings):
 *
 * <pre>
 *  notify.mqtt.enabled=true                       (default; the app's own broker and login)
 *  notify.webhook.subscriber.&lt;id&gt;.audience=officers:282103 | public | family:&lt;family id&gt;:&lt;code&gt;
 *  notify.webhook.subscriber.&lt;id&gt;.url=https://bousai.example.jp/kawamori
 *  notify.webhook.subscriber.&lt;id&gt;.secret=…     (at least 16 characters, the HMAC key)
 *  notify.mail.enabled=false                      (default; then notify.mail.host, .from, …)
 *  notify.mail.recipient.&lt;id&gt;.audience=officers:282103
 *  notify.mail.recipient.&lt;id&gt;.address=bousai@city.example.jp
 * </pre>
 *
 * The map's two SSE channels are always on and added by the caller (through a {@link NotifierRelay}
 * each, attached once the web server exists): {@value #MAP_SSE}, the public stream's flood notices
 * ({@code MapWebServer.noticeChannel}), and {@value #OFFICERS_SSE}, the officers' stream's notices of
 * {@link Audience.Officers} ({@code MapWebServer.officerNoticeChannel}: the officers' rules basin-wide, a
 * declared search to its own municipality's officers only).
 */
public final class NotifyWiring {

    /** The public map's channel. */
    public static final String MAP_SSE = "sse";
    /** The officers' console's channel. */
    public static final String OFFICERS_SSE = "officer-sse";

    public static final String MQTT_ENABLED = "notify.mqtt.enabled";
    public static final String MAIL_ENABLED = "notify.mail.enabled";
    private static final String WEBHOOK_PREFIX = "notify.webhook.subscriber.";
    private static final String MAIL_PREFIX = "notify.mail.recipient.";

    private NotifyWiring() {}

    /**
     * @param values the configuration
     * @param brokerUrl the app's MQTT broker
     * @param brokerLogin the app's login there, if the broker needs one
     * @param more channels the app adds (the map's SSE)
     */
    public static NoticeDispatcher dispatcher(
            Map<String, String> values,
            String brokerUrl,
            Optional<String[]> brokerLogin,
            String clientId,
            NoticeDeadLetters deadLetters,
            List<Notifier> more) {
        ConfigValues config = ConfigValues.of(values);
        List<Notifier> channels = new ArrayList<>(more);
        if (config.bool(MQTT_ENABLED, true)) {
            channels.add(new MqttNotifier(mqtt(values, brokerUrl, brokerLogin, clientId)));
        }
        List<WebhookSubscription> webhooks = webhooks(values);
        if (!webhooks.isEmpty()) {
            channels.add(new WebhookNotifier(WebhookSubscriptions.of(webhooks), WebhookConfig.from(config)));
        }
        if (config.bool(MAIL_ENABLED, false)) {
            channels.add(new MailNotifier(MailRecipients.of(recipients(values)), MailConfig.from(config)));
        }
        return new NoticeDispatcher(channels, deadLetters, DispatcherConfig.from(config));
    }

    private static MqttNotifierConfig mqtt(
            Map<String, String> values, String brokerUrl, Optional<String[]> login, String clientId) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putIfAbsent(MqttNotifierConfig.BROKER_URL, brokerUrl);
        merged.putIfAbsent(MqttNotifierConfig.CLIENT_ID, clientId);
        login.ifPresent(l -> {
            merged.putIfAbsent(MqttNotifierConfig.USERNAME, l[0]);
            merged.putIfAbsent(MqttNotifierConfig.PASSWORD, l[1]);
        });
        return MqttNotifierConfig.from(ConfigValues.of(merged));
    }

    static List<WebhookSubscription> webhooks(Map<String, String> values) {
        List<WebhookSubscription> subscriptions = new ArrayList<>();
        for (String id : ids(values, WEBHOOK_PREFIX)) {
            String p = WEBHOOK_PREFIX + id + ".";
            subscriptions.add(new WebhookSubscription(
                    id,
                    audience(required(values, p + "audience")),
                    URI.create(required(values, p + "url")),
                    required(values, p + "secret")));
        }
        return subscriptions;
    }

    static List<MailRecipient> recipients(Map<String, String> values) {
        List<MailRecipient> recipients = new ArrayList<>();
        for (String id : ids(values, MAIL_PREFIX)) {
            String p = MAIL_PREFIX + id + ".";
            recipients.add(
                    new MailRecipient(id, audience(required(values, p + "audience")), required(values, p + "address")));
        }
        return recipients;
    }

    private static TreeSet<String> ids(Map<String, String> values, String prefix) {
        TreeSet<String> ids = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(prefix) && key.indexOf('.', prefix.length()) > prefix.length()) {
                ids.add(key.substring(prefix.length(), key.indexOf('.', prefix.length())));
            }
        }
        return ids;
    }

    /** {@code officers:282103}, {@code public}, {@code family:<family id>:<municipality code>}. */
    static Audience audience(String text) {
        String[] parts = text.trim().split(":");
        return switch (parts[0]) {
            case "public" -> new Audience.Public();
            case "officers" -> {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("officers:<municipality code>, not '" + text + "'");
                }
                yield new Audience.Officers(MunicipalityCode.of(parts[1]));
            }
            case "family" -> {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("family:<family id>:<municipality code>");
                }
                yield new Audience.Family(new Audience.FamilyId(parts[1]), MunicipalityCode.of(parts[2]));
            }
            default ->
                throw new IllegalArgumentException("an audience is officers:<code>, public or family:<id>:<code>");
        };
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value;
    }
}
