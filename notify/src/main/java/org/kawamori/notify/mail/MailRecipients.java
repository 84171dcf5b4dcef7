package org.kawamori.notify.mail;

import java.util.Collection;
import java.util.List;
import org.kawamori.core.alert.Audience;
import org.kawamori.notify.AudienceIndex;

/**
 * The mail addresses of each audience: a municipality's officers, a family's guardians. The public
 * has none (the public map and MQTT topic serve it).
 */
@FunctionalInterface
public interface MailRecipients {

    List<MailRecipient> forAudience(Audience audience);

    /** A fixed set, e.g. from configuration. */
    static MailRecipients of(Collection<MailRecipient> recipients) {
        return new AudienceIndex<>(recipients)::forAudience;
    }
}
