package org.kawamori.simulators;

import java.time.Duration;
import java.time.Instant;

/** The water level a simulated gauge reports at an instant: base + swell·sin², delayed by the gauge's lag, rounded to cm. */
final class LevelCurve {

    private final Duration period;

    LevelCurve(Duration period) {
        this.period = period;
    }

    double levelAt(SimulatedGauge gauge, Instant time) {
        double phase = (double) (time.toEpochMilli() - gauge.lag().toMillis()) / period.toMillis();
        double s = Math.sin(Math.PI * phase);
        double level = gauge.baseLevel() + gauge.swell() * s * s;
        return Math.round(level * 100) / 100.0;
    }
}
