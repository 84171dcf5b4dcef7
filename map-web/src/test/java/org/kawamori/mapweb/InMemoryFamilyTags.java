package org.kawamori.mapweb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.access.FamilyTags;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * The families' tags and sightings in memory for map-web's tests (the PostgreSQL adapter is tested in
 * timeseries). It keeps the port's rule: nothing of a tag answers to another family.
 *
 * <pre>{@code
 * InMemoryFamilyTags tags = new InMemoryFamilyTags()
 *         .withTag("tag-yuta", "family-sato", "282103", "ゆうた")
 *         .sighted("tag-yuta", 34.7566, 134.8412, 30, Instant.now());
 * }</pre>
 */
final class InMemoryFamilyTags implements FamilyTags {

    private record Owned(FamilyId family, MunicipalityCode municipality, Optional<String> nickname) {}

    private final Map<TagId, Owned> tags = new ConcurrentHashMap<>();
    private final Map<TagId, List<TagSighting>> sightings = new ConcurrentHashMap<>();

    InMemoryFamilyTags withTag(String tag, String family, String municipality, String nickname) {
        tags.put(
                new TagId(tag),
                new Owned(
                        new FamilyId(family),
                        MunicipalityCode.of(municipality),
                        nickname.isEmpty() ? Optional.empty() : Optional.of(nickname)));
        return this;
    }

    /** One sighting of the tag at {@code at}, heard by one gateway. */
    InMemoryFamilyTags sighted(String tag, double lat, double lon, double accuracyMetres, Instant at) {
        TagId id = new TagId(tag);
        Owned owned = tags.get(id);
        sightings
                .computeIfAbsent(id, t -> new CopyOnWriteArrayList<>())
                .add(new TagSighting(
                        id, owned.municipality(), at.minusSeconds(2), at, new GeoPoint(lat, lon), accuracyMetres, 1));
        return this;
    }

    @Override
    public List<FamilyTag> tags(FamilyId family) {
        List<FamilyTag> mine = new ArrayList<>();
        tags.forEach((tag, owned) -> {
            if (owned.family().equals(family)) {
                Optional<TagSighting> last =
                        sightings.getOrDefault(tag, List.of()).stream().max(Comparator.comparing(TagSighting::last));
                mine.add(new FamilyTag(tag, owned.municipality(), owned.nickname(), last));
            }
        });
        return mine;
    }

    @Override
    public Optional<List<TagSighting>> trail(FamilyId family, TagId tag, Instant from, Instant to, int limit) {
        if (!owns(family, tag)) {
            return Optional.empty();
        }
        return Optional.of(sightings.getOrDefault(tag, List.of()).stream()
                .filter(s -> !s.last().isBefore(from) && s.last().isBefore(to))
                .sorted(Comparator.comparing(TagSighting::last).reversed())
                .limit(limit)
                .toList());
    }

    @Override
    public boolean owns(FamilyId family, TagId tag) {
        Owned owned = tags.get(tag);
        return owned != null && owned.family().equals(family);
    }
}
