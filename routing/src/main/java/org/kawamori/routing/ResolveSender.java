package org.kawamori.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.Sensor;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.MessageRejectedException;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.port.SensorRegistry;

/**
 * Second step: the address the transport read must name a registered, enabled device of the
 * municipality the topic names, and an authenticated sender must be that device. This holds with an
 * external broker too, where the broker itself does not know the registry.
 */
final class ResolveSender implements Processor {

    private final SensorRegistry registry;

    ResolveSender(SensorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void process(Exchange exchange) {
        InboundMessage message = exchange.getProperty(ExchangeKeys.MESSAGE, InboundMessage.class);
        if (message.address() instanceof DeviceAddress.Unaddressed u) {
            throw new MessageRejectedException(RejectionReason.WRONG_TOPIC, u.problem());
        }
        DeviceAddress.Addressed address = (DeviceAddress.Addressed) message.address();
        Sensor sensor = registry.findSensor(address.device())
                .orElseThrow(() -> new MessageRejectedException(
                        RejectionReason.UNKNOWN_DEVICE, "device '" + address.device() + "' is not registered"));
        if (!sensor.enabled()) {
            throw new MessageRejectedException(
                    RejectionReason.DEVICE_DISABLED, "device '" + sensor.id() + "' is disabled");
        }
        address.municipality().ifPresent(claimed -> {
            if (!claimed.equals(sensor.municipality())) {
                throw new MessageRejectedException(
                        RejectionReason.WRONG_MUNICIPALITY,
                        "device '" + sensor.id() + "' belongs to " + sensor.municipality() + ", not " + claimed);
            }
        });
        message.authenticatedAs().ifPresent(identity -> {
            if (!identity.equals(sensor.id().value())) {
                throw new MessageRejectedException(
                        RejectionReason.NOT_AUTHORIZED, "the sender is authenticated as another device");
            }
        });
        exchange.setProperty(ExchangeKeys.SENSOR, sensor);
    }
}
