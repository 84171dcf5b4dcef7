package org.kawamori.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.port.TagDirectory;

/**
 * Fourth step of a detection batch: only registered, enabled tags are kept, each stored for its own
 * municipality whichever municipality the gateway belongs to. Other beacons (the gateway hears every
 * BLE device around) are dropped and counted, never stored.
 *
 * <p>Finder anonymity: a volunteer's phone is stored as {@value #VOLUNTEER_PHONE}, never by its id;
 * its position and accuracy are what weigh the detection.
 */
final class ResolveTags implements Processor {

    /** The gateway id stored for detections of volunteers' phones. */
    static final String VOLUNTEER_PHONE = "volunteer-phone";

    private static final DeviceId ANONYMOUS_PHONE = DeviceId.of(VOLUNTEER_PHONE);

    private final TagDirectory directory;
    private final IngestCounters counters;

    ResolveTags(TagDirectory directory, IngestCounters counters) {
        this.directory = directory;
        this.counters = counters;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Gateway gateway = exchange.getProperty(ExchangeKeys.GATEWAY, Gateway.class);
        List<HeardTag> heard = exchange.getProperty(ExchangeKeys.HEARD, List.class);
        Map<TagId, MunicipalityCode> known =
                directory.municipalitiesOf(heard.stream().map(HeardTag::tag).toList());
        DeviceId storedGateway = gateway.kind() == GatewayKind.PHONE ? ANONYMOUS_PHONE : gateway.id();
        List<Detection> detections = new ArrayList<>(heard.size());
        for (HeardTag h : heard) {
            MunicipalityCode owner = known.get(h.tag());
            if (owner == null) {
                continue;
            }
            detections.add(new Detection(
                    h.tag(),
                    owner,
                    storedGateway,
                    gateway.municipality(),
                    h.time(),
                    h.position(),
                    h.accuracyMetres(),
                    h.rssi()));
        }
        counters.beaconsIgnored(heard.size() - detections.size());
        exchange.setProperty(ExchangeKeys.DETECTIONS, detections);
    }
}
