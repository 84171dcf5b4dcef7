package org.kawamori.mapweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kawamori.core.Municipalities;
import org.kawamori.core.Municipalities.Municipality;
import org.kawamori.core.Reading;
import org.kawamori.core.SensorState;
import org.kawamori.core.alert.AlertRecord;

/**
 * The officers' device health ({@code GET /api/v1/officer/devices}): per registered, enabled sensor of
 * the basin its last report, whether it is missing (欠測, from its active {@code offline} alert, which
 * knows the sensor's reporting mode and so when the next report was due), its battery (its active
 * {@code battery-low} alert, else the latest battery reading this server saw) and its experimental
 * flag. Missing sensors first, then low batteries, then by municipality and id.
 */
final class OfficerDevices {

    static final String OFFLINE = "offline";
    static final String BATTERY_LOW = "battery-low";

    private OfficerDevices() {}

    /** One sensor's health, before it is written. */
    private record Health(
            SensorState state,
            Optional<AlertRecord> offline,
            Optional<AlertRecord> batteryLow,
            Optional<Reading> battery) {

        boolean missing() {
            return offline.isPresent();
        }

        boolean low() {
            return batteryLow.isPresent();
        }

        int rank() {
            return missing() ? 0 : low() ? 1 : 2;
        }
    }

    private static final Comparator<Health> ORDER = Comparator.comparingInt(Health::rank)
            .thenComparing(h -> h.state().sensor().municipality().value())
            .thenComparing(h -> h.state().sensor().id().value());

    /**
     * @param problemsOnly only the sensors that are missing or low on battery (the summary still counts all)
     */
    static ObjectNode json(
            List<SensorState> states,
            List<AlertRecord> active,
            LatestBatteries batteries,
            Instant at,
            boolean problemsOnly) {
        Map<String, AlertRecord> offline = byStation(active, OFFLINE);
        Map<String, AlertRecord> low = byStation(active, BATTERY_LOW);
        List<Health> all = states.stream()
                .filter(s -> s.sensor().enabled())
                .map(s -> {
                    String id = s.sensor().id().value();
                    return new Health(
                            s,
                            Optional.ofNullable(offline.get(id)),
                            Optional.ofNullable(low.get(id)),
                            batteries.of(s.sensor().id()));
                })
                .sorted(ORDER)
                .toList();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("at", at.toString());
        ObjectNode summary = body.putObject("summary");
        summary.put("total", all.size());
        summary.put("missing", all.stream().filter(Health::missing).count());
        summary.put("batteryLow", all.stream().filter(Health::low).count());
        summary.put(
                "experimental",
                all.stream().filter(h -> h.state().sensor().experimental()).count());
        ArrayNode devices = body.putArray("devices");
        all.stream().filter(h -> !problemsOnly || h.missing() || h.low()).forEach(h -> devices.add(device(h)));
        return body;
    }

    private static ObjectNode device(Health h) {
        var sensor = h.state().sensor();
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", sensor.id().value());
        node.put("name", sensor.name());
        node.put("municipality", sensor.municipality().value());
        Optional<Municipality> m = Municipalities.find(sensor.municipality());
        node.put("municipalityName", m.map(Municipality::nameJa).orElse(null));
        node.put("municipalityNameEn", m.map(Municipality::nameEn).orElse(null));
        node.put("kind", sensor.kind().name());
        node.put("experimental", sensor.experimental());
        Optional<String> lastReport = h.state().latest().map(r -> r.time().toString());
        if (h.offline().isPresent()) {
            lastReport = lastReport.or(
                    () -> Optional.ofNullable(h.offline().get().detail().get("last-report")));
        }
        node.put("lastReport", lastReport.orElse(null));
        node.put("missing", h.missing());
        node.put("missingAlert", h.offline().map(AlertRecord::id).orElse(null));
        node.put(
                "missingSince",
                h.offline().map(a -> a.alert().openedAt().toString()).orElse(null));
        node.put(
                "expectedBy",
                h.offline().map(a -> a.detail().get("overdue-after")).orElse(null));
        node.set("battery", battery(h));
        return node;
    }

    private static ObjectNode battery(Health h) {
        if (h.batteryLow().isEmpty() && h.battery().isEmpty()) {
            return null;
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        Optional<Reading> reading = h.battery();
        Optional<AlertRecord> alert = h.batteryLow();
        Optional<Instant> alertTime = alert.map(a -> a.detail().get("time")).map(OfficerDevices::instant);
        boolean readingIsNewer = reading.isPresent()
                && alertTime.map(t -> !reading.get().time().isBefore(t)).orElse(true);
        if (readingIsNewer) {
            node.put("percent", reading.get().value());
            node.put("time", reading.get().time().toString());
        } else {
            node.put(
                    "percent",
                    alert.map(a -> number(a.detail().get("battery-percent"))).orElse(null));
            node.put("time", alertTime.map(Instant::toString).orElse(null));
        }
        node.put("low", alert.isPresent());
        node.put("alert", alert.map(AlertRecord::id).orElse(null));
        return node;
    }

    private static Map<String, AlertRecord> byStation(List<AlertRecord> active, String rule) {
        Map<String, AlertRecord> byStation = new HashMap<>();
        for (AlertRecord a : active) {
            String station = a.detail().get("station");
            if (a.alert().rule().equals(rule) && station != null) {
                byStation.merge(
                        station,
                        a,
                        (x, y) -> x.alert().changedAt().isAfter(y.alert().changedAt()) ? x : y);
            }
        }
        return byStation;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Double number(String text) {
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
