package org.kawamori.mapweb.ngsi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kawamori.core.Alert;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertRecord;

/**
 * A public flood alert as a Smart Data Models {@code Alert} in keyValues form. Only alerts that {@link
 * PublicAlerts} shows come here (river stage, inundation, 欠測): the rule decides category and
 * sub-category, the river stage or the engine's severity the severity, and the facts the public may read
 * go into {@code data} (see the module README for the table).
 */
final class AlertEntity {

    private AlertEntity() {}

    static ObjectNode of(AlertRecord record, Optional<Sensor> station, PublicAlerts visible) {
        Alert a = record.alert();
        Map<String, String> facts = visible.facts().apply(record.detail());
        ObjectNode e = SensorEntities.entity(EntityType.ALERT, Long.toString(a.id()));
        e.put("category", "naturalDisaster");
        subCategory(a.rule(), record.level()).ifPresent(s -> e.put("subCategory", s));
        e.put("severity", severity(record));
        e.put("dateIssued", a.openedAt().toString());
        e.put("validFrom", a.openedAt().toString());
        if (a.state() == Alert.State.CLEARED) {
            e.put("validTo", a.changedAt().toString());
        }
        e.put("dateModified", a.changedAt().toString());
        String stationId = facts.getOrDefault("station", a.subject());
        e.put("alertSource", EntityType.DEVICE.urn(stationId));
        station.ifPresent(s -> e.set("location", Place.point(s.location())));
        e.set("address", Place.address(a.municipality()));
        boolean experimental =
                station.map(Sensor::experimental).orElse(false) || "true".equals(facts.get("experimental"));
        String name = Optional.ofNullable(facts.get("station-name"))
                .or(() -> station.map(Sensor::name))
                .orElse(stationId);
        e.put("description", description(a, record.level(), name, facts, experimental));
        e.put("municipality", a.municipality().value());
        e.put("experimental", experimental);
        ObjectNode data = e.putObject("data");
        data.put("rule", a.rule());
        data.put("state", a.state().name().toLowerCase(Locale.ROOT));
        data.put("level", record.level());
        ObjectNode shownFacts = data.putObject("facts");
        facts.forEach(shownFacts::put);
        return e;
    }

    /** River stage 5 (氾濫発生) and a flooded road are a flood; stages 1–4 a flood risk; 欠測 has none. */
    static Optional<String> subCategory(String rule, int level) {
        return switch (rule) {
            case "river-stage" -> Optional.of(level >= 5 ? "flood" : "floodRisk");
            case "inundation" -> Optional.of("flood");
            default -> Optional.empty();
        };
    }

    /**
     * A river stage by its number (1 low, 2 medium, 3 high, 4–5 critical: the 警戒レベル residents act on);
     * the other rules by the engine's severity (info low, warning medium, critical high).
     */
    static String severity(AlertRecord record) {
        if (record.alert().rule().equals("river-stage")) {
            int stage = record.level();
            return stage <= 1 ? "low" : stage == 2 ? "medium" : stage == 3 ? "high" : "critical";
        }
        return switch (record.alert().severity()) {
            case INFO -> "low";
            case WARNING -> "medium";
            case CRITICAL -> "high";
        };
    }

    private static String description(
            Alert a, int level, String name, Map<String, String> facts, boolean experimental) {
        String text =
                switch (a.rule()) {
                    case "river-stage" -> {
                        FloodState stage = FloodState.ofStage(level);
                        String metres = facts.containsKey("level-m") ? "（" + facts.get("level-m") + " m）" : "";
                        String metresEn = facts.containsKey("level-m") ? " (" + facts.get("level-m") + " m)" : "";
                        yield name + ": " + facts.getOrDefault("stage-name-ja", stage.nameJa()) + metres + " / stage "
                                + level + " " + facts.getOrDefault("stage-name-en", stage.nameEn()) + metresEn;
                    }
                    case "inundation" -> {
                        String depth = facts.containsKey("depth-m") ? " " + facts.get("depth-m") + " m" : "";
                        yield name + ": 浸水" + depth + " / inundated" + depth;
                    }
                    case "offline" ->
                        facts.containsKey("last-report")
                                ? name + ": 欠測（最終受信 " + facts.get("last-report") + "） / missing (last report "
                                        + facts.get("last-report") + ")"
                                : name + ": 欠測 / missing";
                    default -> name + ": " + a.rule();
                };
        if (a.state() == Alert.State.CLEARED) {
            text += "（解除） / lifted";
        }
        return experimental ? text + " " + Place.EXPERIMENTAL_NOTE : text;
    }
}
