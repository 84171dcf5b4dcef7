package org.kawamori.alerting.rules;

/** Battery low at or below {@code lowPercent}; cleared only at or above {@code clearPercent} (hysteresis). */
public record BatteryRule(double lowPercent, double clearPercent) {

    public static final Setting<Double> LOW = Setting.decimal("battery.low-percent", 20);
    public static final Setting<Double> CLEAR = Setting.decimal("battery.clear-percent", 30);

    public BatteryRule {
        if (!(lowPercent >= 0) || !(clearPercent > lowPercent) || clearPercent > 100) {
            throw new IllegalArgumentException("battery needs 0 <= low < clear <= 100");
        }
    }

    public static BatteryRule of(Settings settings) {
        return new BatteryRule(settings.get(LOW), settings.get(CLEAR));
    }
}
