package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kawamori.core.Alert;
import org.kawamori.core.Municipalities;
import org.kawamori.core.Municipalities.Municipality;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertQueries.TransitionRecord;
import org.kawamori.core.alert.AlertRecord;

/**
 * The JSON and GeoJSON shapes of {@code /api/v1/alerts}. Codes (severity, state, transition) are
 * lower case, as in the notice document the channels send; times are ISO-8601 UTC; facts are text.
 */
final class AlertJson {

    private AlertJson() {}

    static ObjectNode alert(AlertRecord record, AlertView view) {
        Alert a = record.alert();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", a.id());
        node.put("rule", a.rule());
        node.put("municipality", a.municipality().value());
        Optional<Municipality> municipality = Municipalities.find(a.municipality());
        node.put("municipalityName", municipality.map(Municipality::nameJa).orElse(null));
        node.put("municipalityNameEn", municipality.map(Municipality::nameEn).orElse(null));
        node.put("subject", a.subject());
        node.put("severity", code(a.severity()));
        node.put("state", code(a.state()));
        node.put("level", record.level());
        node.put("sequence", record.sequence());
        node.put("openedAt", a.openedAt().toString());
        node.put("changedAt", a.changedAt().toString());
        facts(node, view.facts(record.detail()));
        return node;
    }

    static ObjectNode list(List<AlertRecord> alerts, AlertView view) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("view", code(view));
        ArrayNode list = body.putArray("alerts");
        alerts.forEach(a -> list.add(alert(a, view)));
        return body;
    }

    /** Each alert as a Feature at its station ({@code geometry: null} when the station is not registered). */
    static ObjectNode featureCollection(List<AlertRecord> alerts, AlertView view, Map<Long, Sensor> stations) {
        ObjectNode collection = Json.MAPPER.createObjectNode();
        collection.put("type", "FeatureCollection");
        collection.put("view", code(view));
        ArrayNode features = collection.putArray("features");
        for (AlertRecord a : alerts) {
            ObjectNode feature = features.addObject();
            feature.put("type", "Feature");
            feature.put("id", a.id());
            Sensor station = stations.get(a.id());
            if (station == null) {
                feature.putNull("geometry");
            } else {
                ObjectNode geometry = feature.putObject("geometry");
                geometry.put("type", "Point");
                geometry.putArray("coordinates")
                        .add(station.location().longitude())
                        .add(station.location().latitude());
            }
            feature.set("properties", alert(a, view));
        }
        return collection;
    }

    static ObjectNode transitions(long alertId, List<TransitionRecord> transitions, AlertView view) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("alert", alertId);
        ArrayNode list = body.putArray("transitions");
        for (TransitionRecord t : transitions) {
            if (!view.shows(t)) {
                continue;
            }
            ObjectNode node = list.addObject();
            node.put("sequence", t.sequence());
            node.put("transition", code(t.transition()));
            node.put("severity", code(t.severity()));
            node.put("state", code(t.state()));
            node.put("level", t.level());
            node.put("at", t.at().toString());
            facts(node, view.facts(t.facts()));
        }
        return body;
    }

    private static void facts(ObjectNode node, Map<String, String> facts) {
        ObjectNode out = node.putObject("facts");
        facts.forEach(out::put);
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
