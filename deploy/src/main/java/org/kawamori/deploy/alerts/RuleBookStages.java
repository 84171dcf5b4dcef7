package org.kawamori.deploy.alerts;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.kawamori.alerting.rules.RiverStageRule;
import org.kawamori.alerting.rules.Settings;
import org.kawamori.alerting.rules.StationRules;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertRuleAdmin;
import org.kawamori.core.port.StationStages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage thresholds the map serves, read from the alert engine's settings (the shipped defaults and
 * the deployment's file under the stored rows), exactly as the rule book reads them: {@code
 * station.<id>.river-stage.thresholds-m} over {@code municipality.<code>.…} over the global key. The
 * stored settings are read again at most every {@link #REFRESH}, and each sensor's thresholds once per
 * reading, so that rendering 10,000 sensors costs no database round trip per sensor.
 */
public final class RuleBookStages implements StationStages {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBookStages.class);
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final AlertRuleAdmin rules;
    private volatile Snapshot snapshot;

    private record Snapshot(Settings settings, long readAtNanos, Map<Sensor, NavigableMap<Integer, Double>> bySensor) {}

    public RuleBookStages(AlertRuleAdmin rules) {
        this.rules = rules;
    }

    @Override
    public NavigableMap<Integer, Double> thresholds(Sensor sensor) {
        Snapshot s = current();
        return s.bySensor().computeIfAbsent(sensor, k -> read(k, s.settings()));
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && now - s.readAtNanos() < REFRESH.toNanos()) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && now - s.readAtNanos() < REFRESH.toNanos()) {
                return s;
            }
            try {
                s = new Snapshot(Settings.of(rules.defaults()).over(rules.stored()), now, new ConcurrentHashMap<>());
            } catch (RuntimeException e) {
                if (s == null) {
                    throw e;
                }
                // the store is down: keep serving the last thresholds read, and try again later
                LOG.warn("could not read the stored alert settings, serving the last ones: {}", e.toString());
                s = new Snapshot(s.settings(), now, s.bySensor());
            }
            snapshot = s;
            return s;
        }
    }

    private static NavigableMap<Integer, Double> read(Sensor sensor, Settings settings) {
        try {
            return StationRules.from(sensor, settings)
                    .stages()
                    .map(RiverStageRule::thresholds)
                    .<NavigableMap<Integer, Double>>map(t -> Collections.unmodifiableNavigableMap(new TreeMap<>(t)))
                    .orElse(Collections.emptyNavigableMap());
        } catch (IllegalArgumentException e) {
            // a setting the rule check would refuse: the engine leaves the station out, so does the map
            LOG.warn("stage settings of sensor {} unreadable: {}", sensor.id(), e.getMessage());
            return Collections.emptyNavigableMap();
        }
    }
}
