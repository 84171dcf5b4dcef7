package org.kawamori.alerting;

import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;
import org.kawamori.alerting.rules.BatteryRule;
import org.kawamori.alerting.rules.ReportingMode;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;

/** The device-health rules for officers: missing (欠測), battery low, suspect value. */
final class DeviceHealth {

    private DeviceHealth() {}

    /** Missing once the expected next report plus its grace has passed. */
    static Condition offline(
            Sensor sensor, ReportingMode mode, Instant lastReport, OptionalDouble lastLevel, Instant now) {
        Instant overdueAfter = mode.overdueAfter(lastReport, lastLevel);
        var facts = Facts.with(
                Facts.station(sensor),
                "last-report",
                lastReport.toString(),
                "overdue-after",
                overdueAfter.toString(),
                "reporting",
                mode.code());
        Wording wording = new Wording(
                sensor.name(),
                sensor.name(),
                "欠測（最終受信 " + Facts.clock(lastReport) + "）",
                "missing (last report " + Facts.clock(lastReport) + ")");
        return now.isAfter(overdueAfter)
                ? Condition.active(1, Severity.WARNING, wording, facts)
                : Condition.inactive(wording, Facts.with(facts, "reported", now.toString()));
    }

    static Condition battery(Sensor sensor, BatteryRule rule, boolean active, Reading battery) {
        boolean low = active ? battery.value() < rule.clearPercent() : battery.value() <= rule.lowPercent();
        var facts = Facts.with(
                Facts.station(sensor),
                "battery-percent",
                Facts.number(battery.value()),
                "low-percent",
                Facts.number(rule.lowPercent()),
                "time",
                battery.time().toString());
        Wording wording = new Wording(
                sensor.name(),
                sensor.name(),
                "電池残量低下（" + Facts.number(battery.value()) + "%）",
                "battery low (" + Facts.number(battery.value()) + "%)");
        return low ? Condition.active(1, Severity.WARNING, wording, facts) : Condition.inactive(wording, facts);
    }

    /** A held suspect value, or the verdict that ended it. */
    static Condition suspect(Sensor sensor, SpikeFilter filter, SpikeFilter.Verdict verdict, Reading reading) {
        var facts = Facts.with(Facts.station(sensor), "time", reading.time().toString());
        Wording wording = new Wording(sensor.name(), sensor.name(), "異常値の疑い", "suspect value");
        return filter.suspect()
                .map(held -> Condition.active(
                        1,
                        Severity.INFO,
                        new Wording(
                                sensor.name(),
                                sensor.name(),
                                "異常値の疑い（" + Facts.metres(held.value()) + " m）",
                                "suspect value (" + Facts.metres(held.value()) + " m)"),
                        Facts.with(
                                facts,
                                "suspect-m",
                                Facts.metres(held.value()),
                                "accepted-m",
                                filter.lastAccepted()
                                        .map(r -> Facts.metres(r.value()))
                                        .orElse(""))))
                .orElseGet(() -> Condition.inactive(
                        wording, Facts.with(facts, "resolution", verdict.name().toLowerCase(Locale.ROOT))));
    }
}
