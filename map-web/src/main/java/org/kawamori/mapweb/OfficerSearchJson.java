package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kawamori.core.Municipalities;
import org.kawamori.core.Municipalities.Municipality;
import org.kawamori.core.TagSighting;
import org.kawamori.core.alert.AlertRecord;

/**
 * The shapes of the officers' searches. A search is shown by its alert id, municipality and times
 * only: never its subject (the tag id) nor its facts (a family's last sighting). A trail is a GeoJSON
 * FeatureCollection of the sightings, newest first, without the tag id.
 */
final class OfficerSearchJson {

    private OfficerSearchJson() {}

    static ObjectNode searches(List<AlertRecord> searches) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("searches");
        for (AlertRecord s : searches) {
            ObjectNode node = list.addObject();
            node.put("id", s.id());
            node.put("municipality", s.alert().municipality().value());
            Optional<Municipality> m = Municipalities.find(s.alert().municipality());
            node.put("municipalityName", m.map(Municipality::nameJa).orElse(null));
            node.put("municipalityNameEn", m.map(Municipality::nameEn).orElse(null));
            node.put("severity", AlertJson.code(s.alert().severity()));
            node.put("state", AlertJson.code(s.alert().state()));
            node.put("declaredAt", s.alert().openedAt().toString());
            node.put("changedAt", s.alert().changedAt().toString());
            node.put("trail", OfficerApi.SEARCHES + "/" + s.id() + "/trail");
        }
        return body;
    }

    static ObjectNode trail(long searchId, List<TagSighting> sightings, Instant readAt) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "FeatureCollection");
        body.put("search", searchId);
        body.put("readAt", readAt.toString());
        body.put("audited", true);
        ArrayNode features = body.putArray("features");
        for (TagSighting s : sightings) {
            ObjectNode feature = features.addObject();
            feature.put("type", "Feature");
            ObjectNode geometry = feature.putObject("geometry");
            geometry.put("type", "Point");
            geometry.putArray("coordinates")
                    .add(s.position().longitude())
                    .add(s.position().latitude());
            ObjectNode p = feature.putObject("properties");
            p.put("first", s.first().toString());
            p.put("last", s.last().toString());
            p.put("accuracyM", s.accuracyMetres());
            p.put("detections", s.detections());
        }
        return body;
    }
}
