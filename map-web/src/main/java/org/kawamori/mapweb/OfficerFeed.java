package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
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
 * Told after each commit, like the public {@link LiveFeed}: keeps each sensor's latest battery reading
 * ({@link LatestBatteries}) and, while officers are connected, hands the readings to their stream:
 * the primary quantity as {@code reading} events (the public stream's document) and the battery as
 * {@code battery} events ({@code {"sensor","time","value","unit"}}). Returns at once.
 */
final class OfficerFeed implements ReadingListener {

    private static final Logger LOG = LoggerFactory.getLogger(OfficerFeed.class);
    static final String READING = "reading";
    static final String BATTERY = "battery";

    private final OfficerOutlet outlet;
    private final LatestBatteries batteries;

    OfficerFeed(OfficerOutlet outlet, LatestBatteries batteries) {
        this.outlet = outlet;
        this.batteries = batteries;
    }

    @Override
    public void onCommitted(Sensor sensor, List<Reading> readings) {
        if (sensor == null || readings == null || !sensor.enabled()) {
            return;
        }
        try {
            Quantity primary = sensor.kind().primaryQuantity();
            List<Reading> own = readings.stream()
                    .filter(r -> r.device().equals(sensor.id()))
                    .sorted(Comparator.comparing(Reading::time))
                    .toList();
            own.stream().filter(r -> r.quantity() == Quantity.BATTERY).forEach(batteries::offer);
            if (!outlet.hasClients()) {
                return;
            }
            List<OfficerOutlet.Event> events = new ArrayList<>();
            for (Reading r : own) {
                if (r.quantity() == primary) {
                    events.add(
                            OfficerOutlet.Event.toAll(READING, Json.write(SensorJson.feature(sensor, Optional.of(r)))));
                } else if (r.quantity() == Quantity.BATTERY) {
                    events.add(OfficerOutlet.Event.toAll(BATTERY, Json.write(battery(r))));
                }
            }
            if (!events.isEmpty()) {
                outlet.send(events);
            }
        } catch (RuntimeException e) {
            // the caller is the commit path: never let the console break it
            LOG.warn("officer feed could not pass on readings of {}", sensor.id(), e);
        }
    }

    static ObjectNode battery(Reading r) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("sensor", r.device().value());
        node.put("time", r.time().toString());
        node.put("value", r.value());
        node.put("unit", r.unit());
        return node;
    }
}
