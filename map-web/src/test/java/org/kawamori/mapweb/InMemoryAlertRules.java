package org.kawamori.mapweb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kawamori.core.alert.AlertRuleAdmin;

/**
 * Settings held in memory, checked like the engine's: a key must be a default's key (optionally under
 * {@code station.<id>.} or {@code municipality.<code>.}); {@code *-percent} values are integers 0..100.
 */
final class InMemoryAlertRules implements AlertRuleAdmin {

    private final Map<String, String> defaults = Map.of(
            "battery.low-percent", "20",
            "battery.clear-percent", "30",
            "river-stage.margin-m", "0.10",
            "river-stage.hold", "PT30M");
    private final Map<String, String> stored = new TreeMap<>();
    final List<String> updatedBy = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> defaults() {
        return defaults;
    }

    @Override
    public synchronized Map<String, String> stored() {
        return Map.copyOf(stored);
    }

    @Override
    public synchronized void update(Map<String, String> put, Set<String> remove, String by) {
        Map<String, String> problems = new HashMap<>();
        put.forEach((key, value) -> {
            String bare = key.replaceFirst("^(station\\.[^.]+|municipality\\.[0-9]{6})\\.", "");
            if (!defaults.containsKey(bare)) {
                problems.put(key, "unknown setting");
            } else if (bare.endsWith("-percent") && !value.matches("[0-9]{1,2}|100")) {
                problems.put(key, "must be a whole percentage from 0 to 100");
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        updatedBy.add(by);
        stored.putAll(put);
        remove.forEach(stored::remove);
    }
}
