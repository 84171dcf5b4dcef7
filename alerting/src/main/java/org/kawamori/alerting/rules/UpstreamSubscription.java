package org.kawamori.alerting.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;

/**
 * A downstream municipality watches an upstream station: once the station is at {@code fromStage} or
 * above, the downstream municipality's officers get their own alert naming the station, which follows
 * the station's stage and clears when it falls below {@code fromStage}.
 */
public record UpstreamSubscription(MunicipalityCode downstream, DeviceId station, Stage fromStage) {

    public static final Setting<Integer> FROM_STAGE = Setting.integer("upstream.from-stage", 3);

    /**
     * Per downstream municipality ({@code municipality.<code>.upstream.stations}): the upstream
     * stations it watches, comma-separated, each optionally with its own stage, e.g. {@code
     * kunikane:3,ono}. Empty: none.
     */
    public static final Setting<String> STATIONS = new Setting<>("upstream.stations", "", s -> {
        parseStations(MunicipalityCode.of("282103"), s, Settings.of(Map.of()));
        return s;
    });

    public UpstreamSubscription {
        Objects.requireNonNull(downstream, "downstream");
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(fromStage, "fromStage");
    }

    /** With the downstream municipality's default stage. */
    public static UpstreamSubscription of(MunicipalityCode downstream, DeviceId station, Settings settings) {
        return new UpstreamSubscription(
                downstream,
                station,
                Stage.of(settings.forMunicipality(downstream).get(FROM_STAGE)));
    }

    /** The subscriptions a municipality's {@link #STATIONS} setting names. */
    public static List<UpstreamSubscription> of(MunicipalityCode downstream, Settings settings) {
        return parseStations(downstream, settings.forMunicipality(downstream).get(STATIONS), settings);
    }

    private static List<UpstreamSubscription> parseStations(
            MunicipalityCode downstream, String text, Settings settings) {
        List<UpstreamSubscription> subscriptions = new ArrayList<>();
        for (String item : text.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            if (parts.length > 2 || !DeviceId.isValid(parts[0].trim())) {
                throw new IllegalArgumentException("'" + entry + "' is not station[:stage]");
            }
            DeviceId station = DeviceId.of(parts[0].trim());
            subscriptions.add(
                    parts.length == 1
                            ? of(downstream, station, settings)
                            : new UpstreamSubscription(
                                    downstream, station, Stage.of(Integer.parseInt(parts[1].trim()))));
        }
        return java.util.List.copyOf(subscriptions);
    }
}
