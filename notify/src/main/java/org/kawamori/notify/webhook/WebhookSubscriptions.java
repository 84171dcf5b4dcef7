package org.kawamori.notify.webhook;

import java.util.Collection;
import java.util.List;
import org.kawamori.core.alert.Audience;
import org.kawamori.notify.AudienceIndex;

/**
 * The webhook receivers of each audience: per municipality its officers' URLs, per family that
 * family's URLs, and the public ones. A family's notice goes only to what this returns for that
 * family, and the notifier drops anything of another audience even if an implementation returns it.
 */
@FunctionalInterface
public interface WebhookSubscriptions {

    List<WebhookSubscription> forAudience(Audience audience);

    /** A fixed set, e.g. from configuration. */
    static WebhookSubscriptions of(Collection<WebhookSubscription> subscriptions) {
        return new AudienceIndex<>(subscriptions)::forAudience;
    }
}
