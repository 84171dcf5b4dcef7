package org.kawamori.mapweb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kawamori.core.Alert;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.access.Principal;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.SearchAudit;
import org.kawamori.core.alert.Searches;

/**
 * Declared searches in memory, answering like the engine's adapter (tested against PostgreSQL in
 * deploy): an officer sees and reads the searches of their own municipality only, each read is
 * audited before the sightings are returned (newest first), and an ended search is gone.
 *
 * <pre>{@code
 * searches.declare(41, "282103", "tag-hana").sighted(41, 34.75, 134.84, at);
 * }</pre>
 */
final class InMemorySearches implements Searches {

    private record Search(AlertRecord alert, List<TagSighting> sightings) {}

    private final Map<Long, Search> declared = new ConcurrentHashMap<>();
    final List<SearchAudit.OfficerRead> audit = new CopyOnWriteArrayList<>();

    InMemorySearches declare(long id, String municipality, String tag) {
        AlertRecord alert = AlertFixtures.givenAlert(id, "lost-mode")
                .in(municipality)
                .onTag(tag, "family-of-" + tag)
                .severity(Alert.Severity.CRITICAL)
                .changedAt(AlertFixtures.T)
                .build();
        declared.put(id, new Search(alert, new CopyOnWriteArrayList<>()));
        return this;
    }

    InMemorySearches sighted(long id, double lat, double lon, Instant at) {
        Search s = declared.get(id);
        s.sightings()
                .add(new TagSighting(
                        new TagId(s.alert().alert().subject()),
                        s.alert().alert().municipality(),
                        at.minusSeconds(5),
                        at,
                        new GeoPoint(lat, lon),
                        35.0,
                        3));
        return this;
    }

    void end(long id) {
        declared.remove(id);
    }

    @Override
    public List<AlertRecord> active(Principal.Officer officer) {
        return declared.values().stream()
                .map(Search::alert)
                .filter(a -> a.alert().municipality().equals(officer.municipality()))
                .sorted(Comparator.comparingLong(AlertRecord::id))
                .toList();
    }

    @Override
    public List<TagSighting> trail(long searchId, Principal.Officer officer, Instant at) {
        Search s = declared.get(searchId);
        MunicipalityCode m = officer.municipality();
        if (s == null || !s.alert().alert().municipality().equals(m)) {
            throw new NoSuchSearch();
        }
        List<TagSighting> newestFirst = new ArrayList<>(s.sightings());
        newestFirst.sort(Comparator.comparing(TagSighting::last).reversed());
        audit.add(new SearchAudit.OfficerRead(searchId, m, officer.login(), at, newestFirst.size()));
        return newestFirst;
    }
}
