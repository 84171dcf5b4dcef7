package org.kawamori.mapweb;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.ReadingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told after each commit; hands the readings of the sensor's primary quantity over to the event loop and returns
 * at once. Each such reading becomes one {@code reading} event, oldest first. Other quantities (battery) are not
 * sent; nor are readings of disabled sensors, which the map does not show.
 */
final class LiveFeed implements ReadingListener {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    static final String EVENT = "reading";

    private final LiveOutlet outlet;

    LiveFeed(LiveOutlet outlet) {
        this.outlet = outlet;
    }

    @Override
    public void onCommitted(Sensor sensor, List<Reading> readings) {
        if (sensor == null || readings == null || !sensor.enabled() || !outlet.hasClients()) {
            return;
        }
        try {
            Quantity primary = sensor.kind().primaryQuantity();
            List<LiveOutlet.Event> shown = readings.stream()
                    .filter(r -> r.quantity() == primary && r.device().equals(sensor.id()))
                    .sorted(Comparator.comparing(Reading::time))
                    .map(r -> new LiveOutlet.Event(EVENT, Json.write(SensorJson.feature(sensor, Optional.of(r)))))
                    .toList();
            if (!shown.isEmpty()) {
                outlet.send(shown);
            }
        } catch (RuntimeException e) {
            // The caller is the commit path: never let the map break it.
            LOG.warn("live feed could not pass on readings of {}", sensor.id(), e);
        }
    }
}
