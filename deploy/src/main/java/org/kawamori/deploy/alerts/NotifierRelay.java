package org.kawamori.deploy.alerts;

import java.util.Objects;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;

/**
 * A channel whose real notifier is attached later (the map's SSE stream exists only once the web
 * server does, after the alert engine). Until then it takes no notice: nobody is watching the map.
 */
public final class NotifierRelay implements Notifier {

    private final String channel;
    private volatile Notifier target;

    public NotifierRelay(String channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    public void attach(Notifier notifier) {
        if (!notifier.channel().equals(channel)) {
            throw new IllegalArgumentException("the relay of " + channel + " cannot carry " + notifier.channel());
        }
        this.target = notifier;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public boolean accepts(Notice notice) {
        Notifier t = target;
        return t != null && t.accepts(notice);
    }

    @Override
    public void deliver(Notice notice) throws DeliveryException {
        Notifier t = target;
        if (t == null) {
            throw new DeliveryException("the " + channel + " channel is not attached yet", true);
        }
        t.deliver(notice);
    }
}
