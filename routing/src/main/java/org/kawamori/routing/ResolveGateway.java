package org.kawamori.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.Gateway;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.MessageRejectedException;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.port.GatewayRegistry;

/**
 * Second step of a detection batch: the address must name a registered, enabled gateway of the
 * municipality the topic names, and an authenticated sender must be that gateway.
 */
final class ResolveGateway implements Processor {

    private final GatewayRegistry gateways;

    ResolveGateway(GatewayRegistry gateways) {
        this.gateways = gateways;
    }

    @Override
    public void process(Exchange exchange) {
        InboundMessage message = exchange.getProperty(ExchangeKeys.MESSAGE, InboundMessage.class);
        if (!(message.address() instanceof DeviceAddress.GatewayBatch address)) {
            throw new MessageRejectedException(RejectionReason.WRONG_TOPIC, "the address names no gateway");
        }
        Gateway gateway = gateways.findGateway(address.gateway())
                .orElseThrow(() -> new MessageRejectedException(
                        RejectionReason.UNKNOWN_DEVICE, "gateway '" + address.gateway() + "' is not registered"));
        if (!gateway.enabled()) {
            throw new MessageRejectedException(
                    RejectionReason.DEVICE_DISABLED, "gateway '" + gateway.id() + "' is disabled");
        }
        address.municipality().ifPresent(claimed -> {
            if (!claimed.equals(gateway.municipality())) {
                throw new MessageRejectedException(
                        RejectionReason.WRONG_MUNICIPALITY,
                        "gateway '" + gateway.id() + "' belongs to " + gateway.municipality() + ", not " + claimed);
            }
        });
        message.authenticatedAs().ifPresent(identity -> {
            if (!identity.equals(gateway.id().value())) {
                throw new MessageRejectedException(
                        RejectionReason.NOT_AUTHORIZED, "the sender is authenticated as another device");
            }
        });
        exchange.setProperty(ExchangeKeys.GATEWAY, gateway);
    }
}
