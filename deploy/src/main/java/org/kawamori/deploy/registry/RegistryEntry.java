package org.kawamori.deploy.registry;

import java.util.Optional;
import org.kawamori.core.Gateway;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.TagId;

/** One line of a registry import: a sensor, a gateway or a tag, with its secret if it has one. */
sealed interface RegistryEntry {

    int line();

    record SensorEntry(int line, Sensor sensor, Optional<char[]> secret) implements RegistryEntry {}

    record GatewayEntry(int line, Gateway gateway, String name, Optional<char[]> secret) implements RegistryEntry {}

    /** Holds a tag id: never printed. */
    record TagEntry(int line, TagId tag, MunicipalityCode municipality, String nickname) implements RegistryEntry {
        @Override
        public String toString() {
            return "TagEntry[line " + line + "]";
        }
    }
}
