package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.RegistryAdmin;

/** The admin API's JSON of registry rows: every field an administrator checks, never a secret or key. */
final class RegistryJson {

    private RegistryJson() {}

    static ObjectNode sensor(RegistryAdmin.SensorRow row) {
        Sensor s = row.sensor();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", s.id().value())
                .put("municipality", s.municipality().value())
                .put("kind", s.kind().name())
                .put("name", s.name())
                .put("lat", s.location().latitude())
                .put("lon", s.location().longitude())
                .put("experimental", s.experimental())
                .put("enabled", s.enabled())
                .put("hasSecret", row.hasSecret())
                .put("hasPsk", row.hasPsk());
        return node;
    }

    static ObjectNode gateway(RegistryAdmin.GatewayRow row) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", row.gateway().id().value())
                .put("municipality", row.gateway().municipality().value())
                .put("kind", row.gateway().kind().name())
                .put("name", row.name().orElse(null));
        Optional<GeoPoint> position = row.gateway().position();
        if (position.isPresent()) {
            node.put("lat", position.get().latitude()).put("lon", position.get().longitude());
        } else {
            node.putNull("lat").putNull("lon");
        }
        node.put("enabled", row.gateway().enabled())
                .put("hasSecret", row.hasSecret())
                .put("hasPsk", row.hasPsk());
        return node;
    }
}
