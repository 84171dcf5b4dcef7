package org.kawamori.alerting.rules;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.WatchRuleRow;

/**
 * Reads the stored form of the families' watch rules ({@link WatchRuleRow}: a kind and text
 * parameters) into {@link WatchRules}, and tells what is wrong with a row before it is stored.
 *
 * <table>
 *   <caption>kinds and parameters</caption>
 *   <tr><th>kind</th><th>parameters</th></tr>
 *   <tr><td>{@code gate-pass}</td><td>{@code place} (an id), {@code name}; either {@code lat},
 *       {@code lon}, {@code radius-m}, or {@code gateway} (a fixed gateway's id: its position and
 *       the BLE range); {@code debounce} (ISO-8601, default {@code gate-pass.debounce})</td></tr>
 *   <tr><td>{@code not-seen}</td><td>{@code mode=quiet}: {@code silence}, {@code from}, {@code to}
 *       (HH:mm); or {@code mode=since}: {@code since}, {@code by} (HH:mm); {@code zone} (default
 *       Asia/Tokyo)</td></tr>
 *   <tr><td>{@code near-flood}</td><td>{@code distance-m}, {@code from-stage} (defaults from the
 *       settings)</td></tr>
 * </table>
 */
public final class WatchRuleCodec {

    public static final String GATE_PASS = "gate-pass";
    public static final String NOT_SEEN = "not-seen";
    public static final String NEAR_FLOOD = "near-flood";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private WatchRuleCodec() {}

    /**
     * The watch rules of every tag that has rows.
     *
     * @param gateways finds a fixed gateway for rules that name one
     * @param onBadRow told about a row that does not read (it is left out); its argument names the
     *     row by id and says why, without personal data
     */
    public static List<WatchRules> read(
            List<WatchRuleRow> rows,
            Settings settings,
            Function<DeviceId, Optional<Gateway>> gateways,
            Consumer<String> onBadRow) {
        Map<TagId, WatchRules> byTag = new LinkedHashMap<>();
        for (WatchRuleRow row : rows) {
            WatchRules rules =
                    byTag.computeIfAbsent(row.tag(), tag -> WatchRules.none(tag, row.family(), row.municipality()));
            try {
                byTag.put(row.tag(), add(rules, row, settings, gateways));
            } catch (RuntimeException e) {
                onBadRow.accept("watch rule " + row.id() + " (" + row.kind() + "): " + e.getMessage());
            }
        }
        return new ArrayList<>(byTag.values());
    }

    /** What is wrong with a row, or empty when it reads. */
    public static Optional<String> problem(
            WatchRuleRow row, Settings settings, Function<DeviceId, Optional<Gateway>> gateways) {
        try {
            add(WatchRules.none(row.tag(), row.family(), row.municipality()), row, settings, gateways);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private static WatchRules add(
            WatchRules rules, WatchRuleRow row, Settings settings, Function<DeviceId, Optional<Gateway>> gateways) {
        Map<String, String> p = row.params();
        Settings local = settings.forMunicipality(row.municipality());
        return switch (row.kind()) {
            case GATE_PASS -> {
                Place place = place(p, local, gateways);
                Duration debounce = p.containsKey("debounce")
                        ? Duration.parse(p.get("debounce"))
                        : local.get(GatePassRule.DEBOUNCE);
                yield rules.withGate(new GatePassRule(place, debounce));
            }
            case NOT_SEEN -> rules.withNotSeen(notSeen(p));
            case NEAR_FLOOD -> {
                NearFloodRule defaults = NearFloodRule.of(local);
                yield rules.withNearFlood(new NearFloodRule(
                        p.containsKey("distance-m")
                                ? Double.parseDouble(p.get("distance-m"))
                                : defaults.distanceMetres(),
                        p.containsKey("from-stage")
                                ? Stage.of(Integer.parseInt(p.get("from-stage")))
                                : defaults.fromStage()));
            }
            default -> throw new IllegalArgumentException("unknown kind (gate-pass, not-seen, near-flood)");
        };
    }

    private static Place place(
            Map<String, String> p, Settings settings, Function<DeviceId, Optional<Gateway>> gateways) {
        String id = required(p, "place");
        String name = p.getOrDefault("name", id);
        if (p.containsKey("gateway")) {
            Gateway gateway = gateways.apply(DeviceId.of(p.get("gateway")))
                    .filter(g -> g.position().isPresent())
                    .orElseThrow(() -> new IllegalArgumentException("no fixed gateway with this id"));
            Place at = Place.ofGateway(gateway, name, settings);
            return new Place(id, name, at.center(), at.radiusMetres());
        }
        return new Place(
                id,
                name,
                new GeoPoint(Double.parseDouble(required(p, "lat")), Double.parseDouble(required(p, "lon"))),
                Double.parseDouble(required(p, "radius-m")));
    }

    private static NotSeenRule notSeen(Map<String, String> p) {
        ZoneId zone = p.containsKey("zone") ? ZoneId.of(p.get("zone")) : TOKYO;
        return switch (required(p, "mode")) {
            case "quiet" ->
                new NotSeenRule.QuietFor(
                        Duration.parse(required(p, "silence")),
                        LocalTime.parse(required(p, "from")),
                        LocalTime.parse(required(p, "to")),
                        zone);
            case "since" ->
                new NotSeenRule.NotSinceBy(
                        LocalTime.parse(required(p, "since")), LocalTime.parse(required(p, "by")), zone);
            default -> throw new IllegalArgumentException("mode must be quiet or since");
        };
    }

    private static String required(Map<String, String> p, String key) {
        String value = p.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("parameter '" + key + "' is required");
        }
        return value;
    }
}
