package org.kawamori.simulators.basin;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.simulators.play.SimDevice.SimSensor;

/**
 * A sensor of the typhoon day: the device, its river and place along it, how it reports, and its
 * flood: a gauge's calm level, crest and when the crest passes (upstream earlier); an inundation
 * sensor follows the gauge next to it ({@code follows}) and is wet while that gauge is at stage 3 or
 * above.
 *
 * @param along fraction of the river's course, 0 at its upstream end
 * @param phase offset of its reporting slots within the slot length (each sensor its own)
 * @param dailyAt when, within each day, the daily report (crisis) or health check (inundation) is sent
 */
public record Station(
        SimSensor device,
        River river,
        double along,
        Reporting reporting,
        Optional<StageThresholds> stages,
        double calmLevel,
        double crestLevel,
        Instant crestAt,
        Optional<Station> follows,
        Duration phase,
        Duration dailyAt) {

    public Station {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(follows, "follows");
    }

    public boolean isGauge() {
        return follows.isEmpty();
    }

    /** The level at which a crisis gauge starts reporting every 10 minutes: 30 cm below stage 1. */
    public double observationStart() {
        return stages.map(s -> Math.round((s.of(1) - 0.3) * 100) / 100.0).orElse(0.0);
    }

    @Override
    public String toString() {
        return "Station[" + device.sensor().id() + ", " + reporting + "]";
    }
}
