package org.kawamori.notify;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kawamori.core.alert.Audience;

/**
 * Subscribers grouped by their audience. Audiences are values, so a family's notices find exactly
 * the subscribers registered for that family (and municipality), nobody else's.
 */
public final class AudienceIndex<S extends Subscriber> {

    private final Map<Audience, List<S>> byAudience;

    public AudienceIndex(Collection<S> subscribers) {
        Map<Audience, List<S>> grouped = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (S subscriber : subscribers) {
            if (!ids.add(subscriber.id())) {
                throw new IllegalArgumentException("subscriber id " + subscriber.id() + " is used twice");
            }
            grouped.computeIfAbsent(subscriber.audience(), a -> new java.util.ArrayList<>())
                    .add(subscriber);
        }
        Map<Audience, List<S>> frozen = new LinkedHashMap<>();
        grouped.forEach((audience, list) -> frozen.put(audience, List.copyOf(list)));
        this.byAudience = Map.copyOf(frozen);
    }

    public List<S> forAudience(Audience audience) {
        return byAudience.getOrDefault(audience, List.of());
    }
}
