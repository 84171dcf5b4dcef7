package org.kawamori.notify.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.kawamori.notify.ConfigValues;

/**
 * Settings of the webhook channel; each key has its default right below it.
 *
 * @param connectTimeout how long opening the connection may take
 * @param requestTimeout how long the receiver may take to answer, after the connection is open
 * @param rememberedNotices how many partly delivered notices are remembered, so that a retry goes
 *     only to the receivers that have not taken the notice yet
 */
public record WebhookConfig(Duration connectTimeout, Duration requestTimeout, int rememberedNotices) {

    public static final String CONNECT_TIMEOUT = "notify.webhook.connect-timeout";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final String REQUEST_TIMEOUT = "notify.webhook.request-timeout";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final String REMEMBERED_NOTICES = "notify.webhook.remembered-notices";
    public static final int DEFAULT_REMEMBERED_NOTICES = 10_000;

    public WebhookConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException(CONNECT_TIMEOUT + " and " + REQUEST_TIMEOUT + " must be positive");
        }
        if (rememberedNotices < 1) {
            throw new IllegalArgumentException(REMEMBERED_NOTICES + " must be at least 1");
        }
    }

    public static WebhookConfig defaults() {
        return from(ConfigValues.of(Map.of()));
    }

    public static WebhookConfig from(ConfigValues values) {
        return new WebhookConfig(
                values.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                values.duration(REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT),
                values.integer(REMEMBERED_NOTICES, DEFAULT_REMEMBERED_NOTICES));
    }

    public WebhookConfig withTimeouts(Duration connect, Duration request) {
        return new WebhookConfig(connect, request, rememberedNotices);
    }
}
