package org.kawamori.alerting.rules;

import java.time.Duration;

/**
 * When a water level is suspect (a spike): it moved by more than
 * {@code max(minJumpMetres, maxMetresPerMinute × minutes elapsed)} from the last accepted level. A
 * suspect level is held back from the flood rules; once {@code confirmations} following readings
 * agree with it (each plausible from the one before), it is taken as real, in order.
 */
public record PlausibilityRule(double maxMetresPerMinute, double minJumpMetres, int confirmations) {

    public static final Setting<Double> MAX_RATE = Setting.decimal("plausibility.max-m-per-minute", 0.05);
    public static final Setting<Double> MIN_JUMP = Setting.decimal("plausibility.min-jump-m", 0.30);
    public static final Setting<Integer> CONFIRMATIONS = Setting.integer("plausibility.confirmations", 1);

    public PlausibilityRule {
        if (!(maxMetresPerMinute > 0) || !(minJumpMetres > 0) || confirmations < 1) {
            throw new IllegalArgumentException("plausibility needs a positive rate, jump and confirmations");
        }
    }

    public static PlausibilityRule of(Settings settings) {
        return new PlausibilityRule(settings.get(MAX_RATE), settings.get(MIN_JUMP), settings.get(CONFIRMATIONS));
    }

    /** Whether going from {@code from} to {@code to} within {@code elapsed} is physically plausible. */
    public boolean plausible(double from, double to, Duration elapsed) {
        double minutes = Math.max(0, elapsed.toMillis() / 60_000.0);
        return Math.abs(to - from) <= Math.max(minJumpMetres, maxMetresPerMinute * minutes);
    }
}
