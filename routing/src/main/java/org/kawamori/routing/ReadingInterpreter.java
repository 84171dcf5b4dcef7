package org.kawamori.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;
import org.kawamori.core.ingest.MessageRejectedException;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.routing.senml.SenmlRecord;

/**
 * Reads domain readings out of resolved SenML records for one sensor.
 *
 * <p>The measurement is the last segment of the resolved name (after the last ':'); whatever comes
 * before it must name this very device, as in {@code urn:dev:kawamori:demo-gauge-1:level}, so a
 * gateway cannot slip one sensor's data into another's topic. A missing unit means the measurement's
 * SenML unit; another unit, a value out of the physical range or a time outside the accepted window
 * refuses the whole message, so that a message is stored all or nothing.
 */
final class ReadingInterpreter {

    private static final Map<SensorKind, Set<Quantity>> ALLOWED = Map.of(
            SensorKind.RIVER_GAUGE, Set.of(Quantity.WATER_LEVEL, Quantity.BATTERY),
            SensorKind.INUNDATION, Set.of(Quantity.INUNDATION_DEPTH, Quantity.BATTERY));

    private final RoutingConfig config;

    ReadingInterpreter(RoutingConfig config) {
        this.config = config;
    }

    List<Reading> interpret(Sensor sensor, List<SenmlRecord> records, Instant now) {
        Map<String, Reading> unique = new LinkedHashMap<>();
        Instant earliest = now.minus(config.maxAge());
        Instant latest = now.plus(config.maxFutureSkew());
        for (SenmlRecord record : records) {
            Quantity quantity = quantityOf(sensor, record.name());
            String unit = record.unit().orElse(quantity.unit());
            if (!unit.equals(quantity.unit())) {
                throw new MessageRejectedException(
                        RejectionReason.WRONG_UNIT,
                        "'" + quantity.senmlName() + "' must be in '" + quantity.unit() + "', not '" + unit + "'");
            }
            double value = record.value()
                    .orElseThrow(() -> new MessageRejectedException(
                            RejectionReason.MALFORMED_PAYLOAD,
                            "'" + quantity.senmlName() + "' needs a numeric value (v)"));
            if (!quantity.isPlausible(value)) {
                throw new MessageRejectedException(
                        RejectionReason.VALUE_OUT_OF_RANGE,
                        quantity.senmlName() + "=" + value + " is outside " + quantity.min() + ".." + quantity.max()
                                + " " + quantity.unit());
            }
            if (record.time().isBefore(earliest) || record.time().isAfter(latest)) {
                throw new MessageRejectedException(
                        RejectionReason.TIMESTAMP_OUT_OF_RANGE,
                        "time " + record.time() + " is outside the accepted window " + earliest + " .. " + latest);
            }
            Reading reading = new Reading(sensor.id(), sensor.municipality(), record.time(), quantity, value);
            unique.putIfAbsent(quantity.name() + "@" + record.time(), reading);
        }
        return new ArrayList<>(unique.values());
    }

    private static Quantity quantityOf(Sensor sensor, String resolvedName) {
        int colon = resolvedName.lastIndexOf(':');
        String measurement = resolvedName.substring(colon + 1);
        if (colon >= 0) {
            String prefix = resolvedName.substring(0, colon);
            String named = prefix.substring(Math.max(prefix.lastIndexOf(':'), prefix.lastIndexOf('/')) + 1);
            if (!named.equals(sensor.id().value())) {
                throw new MessageRejectedException(
                        RejectionReason.DEVICE_MISMATCH, "the SenML name names device '" + named + "'");
            }
        }
        Optional<Quantity> quantity = Quantity.bySenmlName(measurement);
        if (quantity.isEmpty() || !ALLOWED.get(sensor.kind()).contains(quantity.get())) {
            throw new MessageRejectedException(
                    RejectionReason.UNKNOWN_MEASUREMENT,
                    "a " + sensor.kind() + " does not report '" + measurement + "'");
        }
        return quantity.get();
    }
}
