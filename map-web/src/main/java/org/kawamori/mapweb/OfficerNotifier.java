package org.kawamori.mapweb;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.Notifier;

/**
 * The {@code officer-sse} notification channel: the officers' notices as events on the officers'
 * stream {@code /api/v1/officer/events}, each carrying the one notice document all channels send.
 *
 * <ul>
 *   <li>An {@link Audience.Officers} notice of a rule officers see ({@link AlertView#OFFICERS}: every
 *       transition, acknowledgements by a colleague and reminders included) is an {@code alert} event
 *       for every officer of the basin, as {@code GET /api/v1/alerts} shows every officer these alerts.
 *   <li>An {@link Audience.Officers} notice of a declared search ({@code lost-mode}: declared, a new
 *       sighting, ended) is a {@code search} event for the officers of that municipality only, with the
 *       search's reference facts only ({@code search}, {@code municipality}, {@code sighting}): never a
 *       position or a tag id; the trail is read through the audited API.
 *   <li>Nothing else: no family's notice, no public copy, no rule this module does not know.
 * </ul>
 *
 * Delivering hands the event to the event loop and returns at once; a live stream has no backlog (the
 * page reloads the alerts when it connects).
 */
final class OfficerNotifier implements Notifier {

    static final String CHANNEL = "officer-sse";
    static final String ALERT = "alert";
    static final String SEARCH = "search";
    static final String LOST_MODE = "lost-mode";
    static final Set<String> SEARCH_FACTS = Set.of("search", "municipality", "sighting");

    private final OfficerOutlet outlet;
    private final Function<Notice, String> json;

    OfficerNotifier(OfficerOutlet outlet, Function<Notice, String> json) {
        this.outlet = outlet;
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public boolean accepts(Notice notice) {
        return notice.audience() instanceof Audience.Officers
                && (AlertView.OFFICERS.shows(notice.rule()) || notice.rule().equals(LOST_MODE));
    }

    @Override
    public void deliver(Notice notice) throws DeliveryException {
        if (!accepts(notice)) {
            throw new DeliveryException("the officer-sse channel carries officers' notices only", false);
        }
        Audience.Officers officers = (Audience.Officers) notice.audience();
        boolean search = notice.rule().equals(LOST_MODE);
        String data = NoticeDocument.write(
                json,
                notice.withFacts(search ? searchFacts(notice.facts()) : AlertView.OFFICERS.facts(notice.facts())));
        outlet.send(List.of(
                search
                        ? new OfficerOutlet.Event(SEARCH, data, Optional.of(officers.municipality()))
                        : OfficerOutlet.Event.toAll(ALERT, data)));
    }

    private static Map<String, String> searchFacts(Map<String, String> facts) {
        return facts.entrySet().stream()
                .filter(e -> SEARCH_FACTS.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
