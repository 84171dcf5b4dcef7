package org.kawamori.alerting;

import java.time.Duration;
import java.time.Instant;
import org.kawamori.alerting.Series.Sample;
import org.kawamori.alerting.rules.InundationRule;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.Sensor;

/**
 * The inundation rule: the alert follows the depth step while wet; once dry it stays at its step until
 * dry is confirmed (enough dry reports in a row, or dry for the hold time, also checked on tick).
 * The first step is a WARNING, deeper steps are CRITICAL (a car stalls at about 20 cm).
 */
final class Inundation {

    private Inundation() {}

    static int decide(InundationRule rule, int current, Series depths, Instant now) {
        Sample latest = depths.latest().orElseThrow();
        int step = rule.stepOf(latest.value());
        if (step > 0 || current == 0) {
            return step;
        }
        double dry = rule.step(1);
        boolean enoughReports = depths.countBelow(dry) >= rule.dryReports();
        boolean heldDry = depths.belowSince(dry)
                .map(since -> Duration.between(since, now).compareTo(rule.dryHold()) >= 0)
                .orElse(false);
        return enoughReports || heldDry ? 0 : current;
    }

    static Condition condition(Sensor sensor, InundationRule rule, int step, Sample latest) {
        var facts = Facts.with(
                Facts.station(sensor),
                "depth-m",
                Facts.metres(latest.value()),
                "time",
                latest.time().toString());
        if (step == 0) {
            return Condition.inactive(new Wording(sensor.name(), sensor.name(), "解除", "dry"), facts);
        }
        boolean wetDry = rule.stepsMetres().size() == 1 && rule.step(1) == InundationRule.WET_METRES;
        String stepCm = Facts.number(rule.step(step) * 100);
        Wording wording = wetDry
                ? new Wording(sensor.name(), sensor.name(), "冠水", "flooded")
                : new Wording(
                        sensor.name(), sensor.name(), "浸水 " + stepCm + " cm 以上", "inundated " + stepCm + " cm or more");
        return Condition.active(
                step,
                step == 1 ? Severity.WARNING : Severity.CRITICAL,
                wording,
                Facts.with(facts, "step", Integer.toString(step), "step-m", Facts.metres(rule.step(step))));
    }
}
