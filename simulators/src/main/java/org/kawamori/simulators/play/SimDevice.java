package org.kawamori.simulators.play;

import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.Gateway;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.TagId;

/**
 * A device a scenario plays, as it must be registered first: a sensor or a gateway (with the secret it
 * logs in with and the protocol it speaks), or a tag (which sends nothing: gateways hear it).
 * {@link #toString()} shows neither a secret nor a tag id.
 */
public sealed interface SimDevice {

    record SimSensor(Sensor sensor, String secret, Protocol protocol) implements SimDevice {
        public SimSensor {
            Objects.requireNonNull(sensor, "sensor");
            Objects.requireNonNull(secret, "secret");
            if (protocol == Protocol.HTTPS) {
                throw new IllegalArgumentException("sensors send over MQTT or CoAP");
            }
        }

        @Override
        public String toString() {
            return "SimSensor[" + sensor.id() + ", " + protocol + "]";
        }
    }

    record SimGateway(Gateway gateway, Optional<String> name, String secret, Protocol protocol) implements SimDevice {
        public SimGateway {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(protocol, "protocol");
        }

        @Override
        public String toString() {
            return "SimGateway[" + gateway.id() + ", " + gateway.kind() + ", " + protocol + "]";
        }
    }

    record SimTag(TagId tag, MunicipalityCode municipality) implements SimDevice {
        @Override
        public String toString() {
            return "SimTag[" + municipality.value() + "]";
        }
    }
}
