package org.kawamori.notify.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.kawamori.core.alert.Audience;
import org.kawamori.notify.NoticeJson;
import org.kawamori.notify.Subscriber;

/**
 * One receiver of one audience's notices.
 *
 * @param id stable and opaque (it appears in logs and the dead-letter; the URL does not, it may hold a token)
 * @param audience whose notices it gets
 * @param url where they are POSTed, {@code http} or {@code https}
 * @param secret the key of the HMAC-SHA256 signature, shared with the receiver (never logged)
 */
public record WebhookSubscription(String id, Audience audience, URI url, String secret) implements Subscriber {

    public WebhookSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("webhook " + id + ": the URL must be http or https");
        }
        if (secret.length() < 16) {
            throw new IllegalArgumentException("webhook " + id + ": the secret must have at least 16 characters");
        }
    }

    @Override
    public String toString() {
        return "WebhookSubscription[" + id + ", " + NoticeJson.kind(audience) + ", ****]";
    }
}
