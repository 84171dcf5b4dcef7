package org.kawamori.core.ingest;

import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;

/**
 * Who a message says it comes from, as read off its transport address (MQTT topic, CoAP path). A
 * transport that cannot read an address still hands the message on as {@link Unaddressed}, so that
 * it is dead-lettered with its reason like any other rejection.
 */
public sealed interface DeviceAddress {

    /** A well-formed address. The municipality is present when the transport names it (MQTT topics do). */
    record Addressed(Optional<MunicipalityCode> municipality, DeviceId device) implements DeviceAddress {}

    /**
     * A gateway's batch of tag detections ({@code kawamori/{municipality}/gateways/{id}/detections},
     * CoAP {@code /g/{id}}, HTTPS {@code /api/v1/gateways/{id}/detections}).
     */
    record GatewayBatch(Optional<MunicipalityCode> municipality, DeviceId gateway) implements DeviceAddress {}

    /** An address the transport could not read, with what is wrong with it. */
    record Unaddressed(String problem) implements DeviceAddress {}

    static DeviceAddress of(MunicipalityCode municipality, DeviceId device) {
        return new Addressed(Optional.of(municipality), device);
    }

    static DeviceAddress of(DeviceId device) {
        return new Addressed(Optional.empty(), device);
    }
}
