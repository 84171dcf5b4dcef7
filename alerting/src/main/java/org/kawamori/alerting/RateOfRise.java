package org.kawamori.alerting;

import org.kawamori.alerting.Series.Sample;
import org.kawamori.alerting.rules.RateOfRiseRule;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.Sensor;

/**
 * The rate-of-rise rule: the rise within the window is the newest level minus the lowest level of the
 * window. It opens above {@code riseCm} and clears under {@code clearBelowCm}.
 */
final class RateOfRise {

    private RateOfRise() {}

    /** The rise measured at the newest level, and whether it counts as rising given the alert's state. */
    record Rise(Sample latest, double riseCm, boolean rising) {

        /** The condition with its wording and facts; built only when the alert moves. */
        Condition condition(Sensor sensor, RateOfRiseRule rule) {
            var facts = Facts.with(
                    Facts.station(sensor),
                    "rise-cm",
                    Facts.number(riseCm),
                    "window",
                    rule.window().toString(),
                    "limit-cm",
                    Facts.number(rule.riseCm()),
                    "level-m",
                    Facts.metres(latest.value()),
                    "time",
                    latest.time().toString());
            long minutes = rule.window().toMinutes();
            Wording wording = new Wording(
                    sensor.name(),
                    sensor.name(),
                    "急な水位上昇（" + minutes + "分で" + Facts.number(riseCm) + " cm）",
                    "rapid rise (" + Facts.number(riseCm) + " cm in " + minutes + " min)");
            return rising ? Condition.active(1, Severity.WARNING, wording, facts) : Condition.inactive(wording, facts);
        }
    }

    static Rise measure(RateOfRiseRule rule, boolean active, Series levels) {
        Sample latest = levels.latest().orElseThrow();
        double lowest = levels.lowestSince(latest.time().minus(rule.window())).orElse(latest.value());
        // to a hundredth of a centimetre, so that 1.30 - 1.00 is 30 cm and not 30.000000000000004
        double riseCm = Math.round((latest.value() - lowest) * 10_000) / 100.0;
        boolean rising = active ? riseCm >= rule.clearBelowCm() : riseCm > rule.riseCm();
        return new Rise(latest, riseCm, rising);
    }
}
