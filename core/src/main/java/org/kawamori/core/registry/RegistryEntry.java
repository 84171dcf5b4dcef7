package org.kawamori.core.registry;

import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.Gateway;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.TagId;

/**
 * One sensor, gateway or tag to register, with its secret if it has one (an MQTT password, a gateway
 * token; hashed when stored), and the line of the import it came from (0 when it came alone). Neither
 * {@link #toString()} shows a secret or a tag id.
 */
public sealed interface RegistryEntry {

    int line();

    EntryType type();

    /** Printable: the device id of a sensor or gateway, never a tag id. */
    String describe();

    record SensorEntry(int line, Sensor sensor, Optional<char[]> secret) implements RegistryEntry {
        public SensorEntry {
            Objects.requireNonNull(sensor, "sensor");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public EntryType type() {
            return EntryType.SENSOR;
        }

        @Override
        public String describe() {
            return "sensor " + sensor.id();
        }

        @Override
        public String toString() {
            return "SensorEntry[line " + line + ", " + sensor + (secret.isPresent() ? ", secret ****]" : "]");
        }
    }

    /** @param name a human name of the place or vehicle, or null */
    record GatewayEntry(int line, Gateway gateway, String name, Optional<char[]> secret) implements RegistryEntry {
        public GatewayEntry {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public EntryType type() {
            return EntryType.GATEWAY;
        }

        @Override
        public String describe() {
            return "gateway " + gateway.id();
        }

        @Override
        public String toString() {
            return "GatewayEntry[line " + line + ", " + gateway + (secret.isPresent() ? ", secret ****]" : "]");
        }
    }

    /** Holds a tag id and a nickname (may be null): personal data, never printed. */
    record TagEntry(int line, TagId tag, MunicipalityCode municipality, String nickname) implements RegistryEntry {
        public TagEntry {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(municipality, "municipality");
        }

        @Override
        public EntryType type() {
            return EntryType.TAG;
        }

        @Override
        public String describe() {
            return "a tag of " + municipality.value();
        }

        @Override
        public String toString() {
            return "TagEntry[line " + line + ", " + municipality.value() + "]";
        }
    }
}
