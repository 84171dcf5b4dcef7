package org.kawamori.simulators.play;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.kawamori.core.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends over CoAP: a sensor POSTs SenML JSON (content-format 110) to {@code /s/{id}}, a gateway its
 * batch (content-format 50) to {@code /g/{id}}, confirmable; 2.04 (answered after commit) counts as
 * acknowledged, anything else or no answer as failed.
 */
final class CoapSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoapSender.class);

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private final String base;
    private final Counters counters;
    private final CoapEndpoint endpoint;
    private final Map<DeviceId, CoapClient> clients = new ConcurrentHashMap<>();

    CoapSender(String base, Counters counters) {
        this.base = base;
        this.counters = counters;
        this.endpoint = CoapEndpoint.builder()
                .setConfiguration(Configuration.createStandardWithoutFile())
                .build();
    }

    void send(Outgoing message) {
        boolean batch = message.isBatch();
        DeviceId id = batch
                ? ((SimDevice.SimGateway) message.sender()).gateway().id()
                : ((SimDevice.SimSensor) message.sender()).sensor().id();
        CoapClient client = clients.computeIfAbsent(id, d -> {
            CoapClient c = new CoapClient(base + (batch ? "/g/" : "/s/") + d.value());
            c.setEndpoint(endpoint);
            c.setTimeout(30_000L);
            return c;
        });
        counters.sent();
        client.post(
                new CoapHandler() {
                    @Override
                    public void onLoad(CoapResponse response) {
                        if (response.isSuccess()) {
                            counters.acked(message);
                        } else {
                            LOG.debug("CoAP {} for {}", response.getCode(), id);
                            counters.failed();
                        }
                    }

                    @Override
                    public void onError() {
                        counters.failed();
                    }
                },
                message.payload(),
                batch ? MediaTypeRegistry.APPLICATION_JSON : MediaTypeRegistry.APPLICATION_SENML_JSON);
    }

    @Override
    public void close() {
        clients.values().forEach(CoapClient::shutdown);
        endpoint.destroy();
    }
}
