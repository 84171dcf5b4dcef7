package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.FamilyTags.FamilyTag;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.WatchRuleRow;

/**
 * The family API's documents: a family's tags and a tag's trail as GeoJSON ({@code [lon, lat]}, RFC
 * 7946), its watch rules, its lost mode and its links. Only what the family itself may see; nicknames
 * are user text, written as JSON strings (the page shows them with {@code textContent}).
 */
final class FamilyJson {

    private FamilyJson() {}

    /** Each tag as a Point at its last sighting (null geometry when never seen). */
    static ObjectNode tags(List<FamilyTag> tags, Map<TagId, Optional<AlertRecord>> searches, Instant now) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("type", "FeatureCollection");
        doc.put("generatedAt", now.toString());
        ArrayNode features = doc.putArray("features");
        tags.stream()
                .sorted(Comparator.comparing(t -> t.tag().value()))
                .forEach(t -> features.add(tag(t, searches.getOrDefault(t.tag(), Optional.empty()))));
        return doc;
    }

    private static ObjectNode tag(FamilyTag t, Optional<AlertRecord> search) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("type", "Feature");
        f.put("id", t.tag().value());
        if (t.last().isPresent()) {
            f.set("geometry", point(t.last().get().position()));
        } else {
            f.putNull("geometry");
        }
        ObjectNode p = f.putObject("properties");
        p.put("tag", t.tag().value());
        p.put("nickname", t.nickname().orElse(""));
        p.put("municipality", t.municipality().value());
        t.last().ifPresentOrElse(s -> sighting(p, s), () -> p.putNull("lastSeen"));
        lost(p, search);
        return f;
    }

    /** {@code lost}, and while it is on the search's {@code search} id and {@code lostSince}. */
    static ObjectNode lost(ObjectNode p, Optional<AlertRecord> search) {
        p.put("lost", search.isPresent());
        search.ifPresentOrElse(
                s -> {
                    p.put("search", s.id());
                    p.put("lostSince", s.alert().openedAt().toString());
                },
                () -> {
                    p.putNull("search");
                    p.putNull("lostSince");
                });
        return p;
    }

    private static void sighting(ObjectNode p, TagSighting s) {
        p.put("lastSeen", s.last().toString());
        p.put("firstSeen", s.first().toString());
        p.put("accuracyMetres", s.accuracyMetres());
        p.put("detections", s.detections());
    }

    /**
     * The trail: first a LineString from the oldest to the newest sighting (when there are two or more),
     * then each sighting as a Point, newest first.
     */
    static ObjectNode trail(TagId tag, TimeWindow window, List<TagSighting> newestFirst) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("type", "FeatureCollection");
        doc.put("tag", tag.value());
        doc.put("from", window.from().toString());
        doc.put("to", window.to().toString());
        doc.put("limit", window.limit());
        doc.put("count", newestFirst.size());
        doc.put("truncated", newestFirst.size() >= window.limit());
        ArrayNode features = doc.putArray("features");
        if (newestFirst.size() >= 2) {
            ObjectNode line = features.addObject();
            line.put("type", "Feature");
            ObjectNode geometry = line.putObject("geometry");
            geometry.put("type", "LineString");
            ArrayNode coordinates = geometry.putArray("coordinates");
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                coordinates.add(lonLat(newestFirst.get(i).position()));
            }
            ObjectNode p = line.putObject("properties");
            p.put("kind", "trail");
            p.put("from", newestFirst.get(newestFirst.size() - 1).first().toString());
            p.put("to", newestFirst.get(0).last().toString());
        }
        for (TagSighting s : newestFirst) {
            ObjectNode point = features.addObject();
            point.put("type", "Feature");
            point.set("geometry", point(s.position()));
            ObjectNode p = point.putObject("properties");
            p.put("kind", "sighting");
            p.put("time", s.last().toString());
            p.put("first", s.first().toString());
            p.put("accuracyMetres", s.accuracyMetres());
            p.put("detections", s.detections());
        }
        return doc;
    }

    /** {@code {"tag", "rules": [{"kind", "params"}]}}; parameters sorted by name. */
    static ObjectNode rules(TagId tag, List<WatchRuleRow> rules) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("tag", tag.value());
        ArrayNode list = doc.putArray("rules");
        for (WatchRuleRow rule : rules) {
            ObjectNode r = list.addObject();
            r.put("kind", rule.kind());
            ObjectNode params = r.putObject("params");
            new TreeMap<>(rule.params()).forEach(params::put);
        }
        return doc;
    }

    static ObjectNode links(List<FamilyLinks.Link> links, Instant now) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        ArrayNode list = doc.putArray("links");
        for (FamilyLinks.Link link : links) {
            ObjectNode l = list.addObject();
            l.put("id", link.id());
            l.put("createdAt", link.createdAt().toString());
            l.put("createdBy", link.createdBy());
            l.put("expiresAt", link.expiresAt().toString());
            link.revokedAt().ifPresentOrElse(at -> l.put("revokedAt", at.toString()), () -> l.putNull("revokedAt"));
            l.put("active", link.revokedAt().isEmpty() && link.expiresAt().isAfter(now));
        }
        return doc;
    }

    /** A new link: its secret and the page URL that carries it (shown once). */
    static ObjectNode issued(FamilyLinks.Issued issued) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("id", issued.id());
        doc.put("token", issued.token());
        doc.put("path", "/family.html#link=" + issued.token());
        doc.put("expiresAt", issued.expiresAt().toString());
        return doc;
    }

    private static ObjectNode point(GeoPoint position) {
        ObjectNode geometry = Json.MAPPER.createObjectNode();
        geometry.put("type", "Point");
        geometry.set("coordinates", lonLat(position));
        return geometry;
    }

    private static ArrayNode lonLat(GeoPoint position) {
        ArrayNode c = Json.MAPPER.createArrayNode();
        c.add(position.longitude());
        c.add(position.latitude());
        return c;
    }
}
