package org.kawamori.alerting;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.kawamori.alerting.Series.Sample;
import org.kawamori.alerting.rules.RiverStageRule;
import org.kawamori.alerting.rules.Stage;
import org.kawamori.core.Sensor;

/**
 * The river-stage rule. Raising is immediate: the highest stage whose threshold the level reaches
 * (>=). Lifting (解除) goes one defined stage at a time, from the top: a stage is lifted once the
 * level has stayed below its threshold minus the margin for the hold time; any value at or above that
 * limit restarts the hold. Only readings lift a stage: a silent gauge keeps its stage.
 */
final class RiverStages {

    private RiverStages() {}

    static int decide(RiverStageRule rule, int current, Series levels) {
        Sample latest = levels.latest().orElseThrow();
        int raised = rule.stageReachedBy(latest.value());
        if (raised > current) {
            return raised;
        }
        int stage = rule.thresholds().containsKey(current) ? current : rule.stageBelow(current);
        while (stage > 0 && lifted(rule, stage, levels, latest)) {
            stage = rule.stageBelow(stage);
        }
        return Math.max(stage, raised);
    }

    private static boolean lifted(RiverStageRule rule, int stage, Series levels, Sample latest) {
        return levels.belowSince(rule.threshold(stage) - rule.marginMetres())
                .map(since -> Duration.between(since, latest.time()).compareTo(rule.hold()) >= 0)
                .orElse(false);
    }

    static Condition condition(Sensor sensor, RiverStageRule rule, int stage, Sample latest) {
        Map<String, String> facts = Facts.with(
                Facts.station(sensor),
                "level-m",
                Facts.metres(latest.value()),
                "time",
                latest.time().toString(),
                "thresholds-m",
                thresholds(rule));
        if (stage == 0) {
            return Condition.inactive(wording(sensor, "解除", "lifted"), Facts.with(facts, "stage", "0"));
        }
        Stage named = Stage.of(stage);
        return Condition.active(
                stage,
                named.severity(),
                wording(
                        sensor,
                        named.nameJa() + "（" + Facts.metres(latest.value()) + " m）",
                        "stage " + stage + " " + named.nameEn() + " (" + Facts.metres(latest.value()) + " m)"),
                Facts.with(
                        facts,
                        "stage",
                        Integer.toString(stage),
                        "stage-name-ja",
                        named.nameJa(),
                        "stage-name-en",
                        named.nameEn(),
                        "threshold-m",
                        Facts.metres(rule.threshold(stage))));
    }

    private static Wording wording(Sensor sensor, String stateJa, String stateEn) {
        return new Wording(sensor.name(), sensor.name(), stateJa, stateEn);
    }

    private static String thresholds(RiverStageRule rule) {
        return rule.thresholds().entrySet().stream()
                .map(e -> e.getKey() + ":" + Facts.metres(e.getValue()))
                .collect(Collectors.joining(","));
    }
}
