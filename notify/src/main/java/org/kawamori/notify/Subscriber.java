package org.kawamori.notify;

import org.kawamori.core.alert.Audience;

/**
 * Somewhere one channel sends one audience's notices: a webhook URL, a mail address. A subscriber
 * belongs to exactly one audience and receives that audience's notices only.
 */
public interface Subscriber {

    /** A stable, opaque id, safe in logs and in the dead-letter (unlike a URL or an address). */
    String id();

    /** The one audience whose notices this subscriber gets. */
    Audience audience();
}
