package org.kawamori.alerting.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * Rate of rise, independent of the stages: the level rose by more than {@code riseCm} within
 * {@code window}; the alert clears when the rise within the window is back under {@code clearBelowCm}.
 */
public record RateOfRiseRule(double riseCm, Duration window, double clearBelowCm) {

    public static final Setting<Double> RISE_CM = Setting.decimal("rate-of-rise.rise-cm", 30);
    public static final Setting<Duration> WINDOW = Setting.duration("rate-of-rise.window", Duration.ofMinutes(60));
    public static final Setting<Double> CLEAR_BELOW_CM = Setting.decimal("rate-of-rise.clear-below-cm", 15);

    public RateOfRiseRule {
        Objects.requireNonNull(window, "window");
        if (!(riseCm > 0) || !(clearBelowCm >= 0) || clearBelowCm > riseCm || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException(
                    "rate of rise needs 0 <= clear-below <= rise, a positive rise and window");
        }
    }

    public static RateOfRiseRule of(Settings settings) {
        return new RateOfRiseRule(settings.get(RISE_CM), settings.get(WINDOW), settings.get(CLEAR_BELOW_CM));
    }
}
