package org.kawamori.mapweb.ngsi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The entity types this view serves, each a Smart Data Model: the short name (the term of the Smart
 * Data Models context) and its expanded IRI, both accepted in {@code type=}. Entity ids are URNs
 * {@code urn:ngsi-ld:<type>:<local id>}: a sensor id for the sensor types, an alert id for alerts.
 */
enum EntityType {
    WATER_OBSERVED("WaterObserved", "https://smartdatamodels.org/dataModel.Environment/WaterObserved"),
    FLOOD_MONITORING("FloodMonitoring", "https://smartdatamodels.org/dataModel.Environment/FloodMonitoring"),
    DEVICE("Device", "https://smartdatamodels.org/dataModel.Device/Device"),
    ALERT("Alert", "https://smartdatamodels.org/dataModel.Alert/Alert");

    private final String term;
    private final String iri;

    EntityType(String term, String iri) {
        this.term = term;
        this.iri = iri;
    }

    /** The short type name, as in {@code "type":"WaterObserved"}. */
    String term() {
        return term;
    }

    String urn(String localId) {
        return "urn:ngsi-ld:" + term + ":" + localId;
    }

    /** The type named by its short name or its expanded IRI. */
    static Optional<EntityType> named(String name) {
        return Arrays.stream(values())
                .filter(t -> t.term.equals(name) || t.iri.equals(name))
                .findFirst();
    }

    /** The type and local id of {@code urn:ngsi-ld:<type>:<local id>}, when the type is one of these. */
    static Optional<Id> parse(String urn) {
        String prefix = "urn:ngsi-ld:";
        if (urn == null || !urn.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = urn.substring(prefix.length());
        int colon = rest.indexOf(':');
        if (colon < 1 || colon == rest.length() - 1) {
            return Optional.empty();
        }
        String local = rest.substring(colon + 1);
        return Arrays.stream(values())
                .filter(t -> t.term.equals(rest.substring(0, colon)))
                .findFirst()
                .map(t -> new Id(t, local));
    }

    /** An entity id taken apart. */
    record Id(EntityType type, String local) {}
}
