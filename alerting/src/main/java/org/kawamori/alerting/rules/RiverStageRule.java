package org.kawamori.alerting.rules;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stage thresholds of one gauge, in metres (a station may define only some stages), and when a
 * stage is lifted (解除): once the level has stayed below {@code threshold − margin} for {@code hold}.
 */
public record RiverStageRule(NavigableMap<Integer, Double> thresholds, double marginMetres, Duration hold) {

    public static final Setting<Double> MARGIN = Setting.decimal("river-stage.margin-m", 0.10);
    public static final Setting<Duration> HOLD = Setting.duration("river-stage.hold", Duration.ofMinutes(30));

    public RiverStageRule {
        Objects.requireNonNull(hold, "hold");
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("a river stage rule needs at least one threshold");
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (var entry : thresholds.entrySet()) {
            Stage.of(entry.getKey());
            if (!(entry.getValue() > previous)) {
                throw new IllegalArgumentException("stage thresholds must rise with the stage");
            }
            previous = entry.getValue();
        }
        if (!(marginMetres >= 0) || hold.isNegative()) {
            throw new IllegalArgumentException("margin and hold must not be negative");
        }
        thresholds = Collections.unmodifiableNavigableMap(new TreeMap<>(thresholds));
    }

    /** Thresholds by stage with the margin and hold of the given settings. */
    public static RiverStageRule of(Map<Stage, Double> thresholds, Settings settings) {
        NavigableMap<Integer, Double> byNumber = new TreeMap<>();
        new EnumMap<>(thresholds).forEach((stage, metres) -> byNumber.put(stage.number(), metres));
        return new RiverStageRule(byNumber, settings.get(MARGIN), settings.get(HOLD));
    }

    public double threshold(int stage) {
        Double metres = thresholds.get(stage);
        if (metres == null) {
            throw new IllegalArgumentException("stage " + stage + " is not defined here");
        }
        return metres;
    }

    /** The highest stage whose threshold the level reaches (>=), or 0. */
    public int stageReachedBy(double level) {
        return thresholds.entrySet().stream()
                .filter(e -> level >= e.getValue())
                .mapToInt(Map.Entry::getKey)
                .max()
                .orElse(0);
    }

    /** The next defined stage below {@code stage}, or 0. */
    public int stageBelow(int stage) {
        Integer lower = thresholds.lowerKey(stage);
        return lower == null ? 0 : lower;
    }
}
