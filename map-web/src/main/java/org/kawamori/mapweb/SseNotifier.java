package org.kawamori.mapweb;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;

/**
 * The {@code sse} notification channel: public notices as {@code alert} events on the public event
 * stream {@code /api/v1/events}, carrying the one notice document all channels send (made by the
 * function given). It accepts {@link Audience.Public} notices of the rules the public sees ({@link
 * AlertView#PUBLIC}) and nothing else: the stream is open to anyone. Delivering hands the event to the
 * event loop and returns at once; with no client connected, or the server not running, there is
 * nobody to tell and it returns all the same (a live stream has no backlog: the page reloads the
 * active alerts when it connects).
 */
final class SseNotifier implements Notifier {

    static final String CHANNEL = "sse";
    static final String EVENT = "alert";

    private final LiveOutlet outlet;
    private final Function<Notice, String> json;

    SseNotifier(LiveOutlet outlet, Function<Notice, String> json) {
        this.outlet = outlet;
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public boolean accepts(Notice notice) {
        return notice.audience() instanceof Audience.Public && AlertView.PUBLIC.shows(notice.rule());
    }

    @Override
    public void deliver(Notice notice) throws DeliveryException {
        if (!accepts(notice)) {
            throw new DeliveryException("the sse channel carries public flood notices only", false);
        }
        // the engine's public notices have no other facts; the filter keeps it so
        String data = NoticeDocument.write(json, notice.withFacts(AlertView.PUBLIC.facts(notice.facts())));
        outlet.send(List.of(new LiveOutlet.Event(EVENT, data)));
    }
}
