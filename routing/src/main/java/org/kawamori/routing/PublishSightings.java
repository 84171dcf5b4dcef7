package org.kawamori.routing;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last step of a detection batch: fold the committed detections into sightings; never fails the batch. */
final class PublishSightings implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PublishSightings.class);

    private final SightingFolder folder;

    PublishSightings(SightingFolder folder) {
        this.folder = folder;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        try {
            folder.add(exchange.getProperty(ExchangeKeys.DETECTIONS, List.class));
        } catch (RuntimeException e) {
            LOG.error("folding sightings failed: {}", e.toString());
        }
    }
}
