package org.kawamori.alerting.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;

/**
 * Every setting the rules read, by key: what an administrator may set, at the basin ({@code <key>}),
 * for a municipality ({@code municipality.<code>.<key>}) or for a station ({@code
 * station.<device>.<key>}).
 */
public final class SettingsCatalog {

    private static final List<Class<?>> RULES = List.of(
            RiverStageRule.class,
            RateOfRiseRule.class,
            InundationRule.class,
            ReportingMode.class,
            BatteryRule.class,
            PlausibilityRule.class,
            StationRules.class,
            UpstreamSubscription.class,
            Lifecycle.class,
            Place.class,
            GatePassRule.class,
            NearFloodRule.class);

    private static final Map<String, Setting<?>> BY_KEY = load();

    private SettingsCatalog() {}

    private static Map<String, Setting<?>> load() {
        Map<String, Setting<?>> byKey = new TreeMap<>();
        for (Class<?> rule : RULES) {
            for (Field field : rule.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
                    try {
                        Setting<?> setting = (Setting<?>) field.get(null);
                        byKey.put(setting.key(), setting);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("setting " + field + " is not readable", e);
                    }
                }
            }
        }
        return Map.copyOf(byKey);
    }

    /** Every declared setting by its key. */
    public static Map<String, Setting<?>> all() {
        return new TreeMap<>(BY_KEY);
    }

    /**
     * The setting a stored key sets, with its scope prefix read off; empty when the key names no
     * setting or its scope is not a valid municipality code or device id.
     */
    public static Optional<Setting<?>> settingOf(String storedKey) {
        String key = storedKey;
        if (key.startsWith("municipality.")) {
            String[] parts = key.split("\\.", 3);
            if (parts.length < 3 || !MunicipalityCode.isValid(parts[1])) {
                return Optional.empty();
            }
            key = parts[2];
        } else if (key.startsWith("station.")) {
            int end = key.indexOf('.', "station.".length());
            while (end > 0 && !BY_KEY.containsKey(key.substring(end + 1))) {
                end = key.indexOf('.', end + 1); // device ids may contain dots
            }
            if (end < 0 || !DeviceId.isValid(key.substring("station.".length(), end))) {
                return Optional.empty();
            }
            key = key.substring(end + 1);
        }
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
