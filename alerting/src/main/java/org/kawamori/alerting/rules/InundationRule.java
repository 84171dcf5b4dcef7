package org.kawamori.alerting.rules;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An inundation sensor's depth steps in metres (a wet/dry sensor has one step), and when it is dry
 * again: after {@code dryReports} consecutive dry reports or {@code dryHold} since the first dry one,
 * whichever comes first. Between wet steps the alert follows the depth at once.
 */
public record InundationRule(List<Double> stepsMetres, int dryReports, Duration dryHold) {

    /** What a wet/dry sensor's "wet" is: any depth of at least 1 mm. */
    public static final double WET_METRES = 0.001;

    public static final Setting<List<Double>> STEPS = Setting.decimals("inundation.steps-m", List.of(0.10, 0.20, 0.30));
    public static final Setting<Integer> DRY_REPORTS = Setting.integer("inundation.dry-reports", 3);
    public static final Setting<Duration> DRY_HOLD = Setting.duration("inundation.dry-hold", Duration.ofMinutes(30));

    public InundationRule {
        Objects.requireNonNull(dryHold, "dryHold");
        stepsMetres = List.copyOf(stepsMetres);
        if (stepsMetres.isEmpty() || dryReports < 1) {
            throw new IllegalArgumentException("an inundation rule needs a step and at least one dry report");
        }
        for (int i = 0; i < stepsMetres.size(); i++) {
            if (!(stepsMetres.get(i) > 0) || (i > 0 && !(stepsMetres.get(i) > stepsMetres.get(i - 1)))) {
                throw new IllegalArgumentException("inundation steps must be positive and rising");
            }
        }
    }

    public static InundationRule of(Settings settings) {
        return new InundationRule(settings.get(STEPS), settings.get(DRY_REPORTS), settings.get(DRY_HOLD));
    }

    /** A wet/dry sensor: one step at {@link #WET_METRES}. */
    public static InundationRule wetDry(Settings settings) {
        return new InundationRule(List.of(WET_METRES), settings.get(DRY_REPORTS), settings.get(DRY_HOLD));
    }

    /** How many steps the depth reaches (>=): 0 is dry. */
    public int stepOf(double depthMetres) {
        return (int) stepsMetres.stream().filter(step -> depthMetres >= step).count();
    }

    public double step(int number) {
        return stepsMetres.get(number - 1);
    }
}
