package org.kawamori.timeseries;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.port.TagDirectory;

/**
 * {@link TagDirectory} answers from a {@link RegistryCache}: the tags of a batch that are not kept
 * are looked up together in one query, and unregistered tags are kept as absent (a gateway hears
 * many beacons that are not watch tags). The kept answers are personal data in memory only; they
 * are never logged.
 */
public final class CachedTagDirectory implements TagDirectory {

    /** Tags kept in memory at most, absent ones included. */
    public static final int DEFAULT_MAX_ENTRIES = 500_000;

    private final TagDirectory database;
    private final RegistryCache<TagId, Optional<MunicipalityCode>> cache;

    public CachedTagDirectory(TagDirectory database, RegistryChanges changes) {
        this.database = Objects.requireNonNull(database, "database");
        this.cache = changes.cache("tag", DEFAULT_MAX_ENTRIES);
    }

    @Override
    public Map<TagId, MunicipalityCode> municipalitiesOf(Collection<TagId> tags) {
        Objects.requireNonNull(tags, "tags");
        Map<TagId, MunicipalityCode> found = new HashMap<>();
        List<TagId> unknown = new ArrayList<>();
        Set<TagId> distinct = new LinkedHashSet<>(tags);
        for (TagId tag : distinct) {
            Optional<MunicipalityCode> kept = cache.kept(tag);
            if (kept == null) {
                unknown.add(tag);
            } else {
                kept.ifPresent(m -> found.put(tag, m));
            }
        }
        cache.countHits(distinct.size() - unknown.size());
        if (unknown.isEmpty()) {
            return found;
        }
        cache.countMisses(unknown.size());
        long epoch = cache.epoch();
        Map<TagId, MunicipalityCode> looked = database.municipalitiesOf(unknown);
        for (TagId tag : unknown) {
            Optional<MunicipalityCode> answer = Optional.ofNullable(looked.get(tag));
            cache.keep(epoch, tag, answer);
            answer.ifPresent(m -> found.put(tag, m));
        }
        return found;
    }

    RegistryCache<TagId, Optional<MunicipalityCode>> cache() {
        return cache;
    }
}
