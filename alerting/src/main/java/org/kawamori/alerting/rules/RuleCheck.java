package org.kawamori.alerting.rules;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kawamori.core.Municipalities;
import org.kawamori.core.Sensor;

/**
 * Checks settings an administrator wants to store before they are stored: every key must name a
 * setting (at the basin, a municipality or a station), every value must read as its type, and the
 * whole must still give every registered station valid rules (thresholds rising with the stage, a
 * known reporting mode) and every municipality readable upstream subscriptions.
 */
public final class RuleCheck {

    private RuleCheck() {}

    /**
     * @param base the shipped defaults (and a deployment's file)
     * @param stored the settings as they would be stored
     * @return the problems by key, empty when all is well; safe to show (no personal data)
     */
    public static Map<String, String> problems(Settings base, Map<String, String> stored, Collection<Sensor> sensors) {
        Map<String, String> problems = new TreeMap<>();
        stored.forEach((key, value) -> {
            Optional<Setting<?>> setting = SettingsCatalog.settingOf(key);
            if (setting.isEmpty()) {
                problems.put(key, "no such setting (keys: <key>, municipality.<code>.<key>, station.<device>.<key>)");
            } else if (!value.isBlank()) {
                try {
                    setting.get().parse(value);
                } catch (IllegalArgumentException e) {
                    problems.put(key, "cannot be read as " + describe(setting.get()) + ": '" + value + "'");
                }
            }
        });
        if (!problems.isEmpty()) {
            return problems;
        }
        Settings merged = base.over(stored);
        for (Sensor sensor : sensors) {
            try {
                StationRules.from(sensor, merged);
            } catch (RuntimeException e) {
                problems.put("station." + sensor.id().value(), String.valueOf(e.getMessage()));
            }
        }
        for (var municipality : Municipalities.kakogawaBasin()) {
            try {
                UpstreamSubscription.of(municipality.code(), merged);
            } catch (RuntimeException e) {
                problems.put(
                        "municipality." + municipality.code().value() + "." + UpstreamSubscription.STATIONS.key(),
                        String.valueOf(e.getMessage()));
            }
        }
        return problems;
    }

    private static String describe(Setting<?> setting) {
        Object example = setting.defaultValue();
        if (example instanceof Duration) {
            return "an ISO-8601 duration such as PT30M";
        }
        if (example instanceof Optional<?>) {
            return "an ISO-8601 duration or none";
        }
        if (example instanceof Integer) {
            return "a whole number";
        }
        if (example instanceof Double) {
            return "a number";
        }
        if (example instanceof Boolean) {
            return "true or false";
        }
        return "a list or text of the documented form";
    }
}
