package org.kawamori.mapweb.ngsi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * The NGSI-LD normalized form of a keyValues entity (ETSI GS CIM 009 §4.5): each attribute becomes a
 * {@code Property} with its {@code value}, {@code location} a {@code GeoProperty}, the references to
 * other entities ({@code refDevice}, {@code alertSource}) {@code Relationship}s with an {@code object},
 * times {@code {"@type":"DateTime","@value":…}}; measured levels carry {@code unitCode} {@code MTR}
 * (metre, UN/CEFACT) and, where the entity says when they were measured, {@code observedAt}.
 */
final class Normalized {

    static final Set<String> RELATIONSHIPS = Set.of("refDevice", "alertSource");
    static final Set<String> GEO_PROPERTIES = Set.of("location");
    static final Set<String> DATE_TIMES = Set.of(
            "dateObserved",
            "observationDateTime",
            "dateLastValueReported",
            "dateIssued",
            "validFrom",
            "validTo",
            "dateModified");
    static final Set<String> METRES = Set.of("waterLevel", "currentLevel", "alertLevel", "dangerLevel");
    /** A measured attribute and the attribute that says when it was measured. */
    static final Map<String, String> OBSERVED_AT =
            Map.of("waterLevel", "dateObserved", "currentLevel", "observationDateTime");

    private static final Set<String> AS_IS = Set.of("id", "type", "@context");

    private Normalized() {}

    static ObjectNode of(ObjectNode keyValues) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        keyValues.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (AS_IS.contains(name)) {
                out.set(name, value);
                return;
            }
            ObjectNode attribute = out.putObject(name);
            if (RELATIONSHIPS.contains(name)) {
                attribute.put("type", "Relationship");
                attribute.set("object", value);
                return;
            }
            attribute.put("type", GEO_PROPERTIES.contains(name) ? "GeoProperty" : "Property");
            if (DATE_TIMES.contains(name)) {
                attribute.putObject("value").put("@type", "DateTime").set("@value", value);
            } else {
                attribute.set("value", value);
            }
            if (METRES.contains(name)) {
                attribute.put("unitCode", "MTR");
            }
            String observedAt = OBSERVED_AT.get(name);
            if (observedAt != null && keyValues.hasNonNull(observedAt)) {
                attribute.set("observedAt", keyValues.get(observedAt));
            }
        });
        return out;
    }
}
