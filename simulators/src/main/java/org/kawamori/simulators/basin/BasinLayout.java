package org.kawamori.simulators.basin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;
import org.kawamori.simulators.SimulationConfig;
import org.kawamori.simulators.geo.BasinBoundaries;
import org.kawamori.simulators.geo.Geo;
import org.kawamori.simulators.play.Noise;
import org.kawamori.simulators.play.SimDevice.SimSensor;

/**
 * Places the typhoon day's sensors: 40% gauges spread along the rivers in proportion to their length
 * (a few metres off the course), the rest inundation sensors 150–600 m from a river at low roads, each
 * following its river's nearest gauge. Every position is checked against the municipal boundaries and
 * the sensor is registered to the municipality that holds it; a draw outside the basin is drawn again.
 */
final class BasinLayout {

    private static final BasinBoundaries BOUNDARIES = BasinBoundaries.kakogawa();

    private final SimulationConfig config;
    private final Noise noise;
    private final Instant dayStart;
    private final List<River> rivers = River.kakogawaBasin();

    BasinLayout(SimulationConfig config, Instant dayStart) {
        this.config = config;
        this.noise = new Noise(config.seed());
        this.dayStart = dayStart;
    }

    List<Station> stations() {
        int gauges = config.sensors() == 0 ? 0 : Math.max(1, Math.round(config.sensors() * 0.4f));
        List<Station> placed = new ArrayList<>();
        double total = rivers.stream().mapToDouble(r -> r.course().length()).sum();
        int made = 0;
        for (int r = 0; r < rivers.size(); r++) {
            River river = rivers.get(r);
            int share = r == rivers.size() - 1
                    ? gauges - made
                    : (int) Math.round(gauges * river.course().length() / total);
            share = Math.min(share, gauges - made);
            for (int i = 0; i < share; i++) {
                made++;
                placed.add(gauge(made, river, (i + 0.5) / share));
            }
        }
        List<Station> gaugesOnly = List.copyOf(placed);
        for (int i = 1; i <= config.sensors() - gauges; i++) {
            placed.add(inundation(i, gaugesOnly.get(noiseIndex("follows", i, gaugesOnly.size()))));
        }
        return placed;
    }

    private Station gauge(int n, River river, double along) {
        String id = String.format(Locale.ROOT, "sim-g-%04d", n);
        GeoPoint at = inside(id, river.course().at(along), 10, 40);
        double calm = round(noise.between(id, 1, 0.4, 1.4));
        double s1 = round(calm + noise.between(id, 2, 0.9, 1.3));
        double s2 = round(s1 + noise.between(id, 3, 0.5, 0.8));
        double s3 = round(s2 + noise.between(id, 4, 0.4, 0.6));
        double s4 = round(s3 + noise.between(id, 5, 0.4, 0.6));
        double s5 = round(s4 + noise.between(id, 6, 0.6, 0.9));
        StageThresholds stages = new StageThresholds(new double[] {s1, s2, s3, s4, s5});
        // one gauge in four overtops (stage 5); the others crest between 氾濫危険 and 氾濫発生
        double crest = noise.uniform(id, 7) < 0.25 ? s5 + 0.25 : round((s4 + s5) / 2);
        Reporting reporting = noise.uniform(id, 8) < 0.5 ? Reporting.PERIODIC : Reporting.CRISIS;
        double km = river.course().length() * along / 1000;
        String name = String.format(Locale.ROOT, "%s %.1f km（模擬）", river.nameJa(), km);
        return new Station(
                sensor(id, at, SensorKind.RIVER_GAUGE, name),
                river,
                along,
                reporting,
                Optional.of(stages),
                calm,
                crest,
                dayStart.plus(river.crestAt(along)),
                Optional.empty(),
                Duration.ofSeconds((long) noise.between(id, 9, 0, 600)),
                Duration.ofSeconds((long) noise.between(id, 10, 0, 85_000)));
    }

    private Station inundation(int n, Station gauge) {
        String id = String.format(Locale.ROOT, "sim-i-%04d", n);
        GeoPoint near =
                gauge.river().course().at(Math.min(1, Math.max(0, gauge.along() + noise.between(id, 1, -0.05, 0.05))));
        GeoPoint at = inside(id, near, 150, 600);
        String name = String.format(Locale.ROOT, "%s沿い 低地 %d（模擬）", gauge.river().nameJa(), n);
        return new Station(
                sensor(id, at, SensorKind.INUNDATION, name),
                gauge.river(),
                gauge.along(),
                Reporting.ON_EVENT,
                Optional.empty(),
                0,
                0,
                gauge.crestAt(),
                Optional.of(gauge),
                Duration.ofSeconds((long) noise.between(id, 9, 0, 300)),
                Duration.ofSeconds((long) noise.between(id, 10, 0, 85_000)));
    }

    private SimSensor sensor(String id, GeoPoint at, SensorKind kind, String name) {
        MunicipalityCode municipality = BOUNDARIES.municipalityAt(at).orElseThrow();
        Sensor sensor = new Sensor(DeviceId.of(id), municipality, kind, name, at, true, true);
        return new SimSensor(sensor, noise.secret(id), config.mix().forSensor(noise.uniform(id, 11)));
    }

    /** A point {@code min..max} metres from {@code near} in a drawn direction, inside a basin municipality. */
    private GeoPoint inside(String id, GeoPoint near, double min, double max) {
        for (int attempt = 0; attempt < 100; attempt++) {
            double angle = noise.between(id, 100 + attempt, 0, 2 * Math.PI);
            double metres = noise.between(id, 200 + attempt, min, max);
            GeoPoint p = Geo.offset(near, metres * Math.cos(angle), metres * Math.sin(angle));
            if (BOUNDARIES.municipalityAt(p).isPresent()) {
                return p;
            }
        }
        throw new IllegalStateException("no place inside the basin near " + near);
    }

    private int noiseIndex(String key, int n, int size) {
        return (int) Math.min(size - 1, Math.floor(noise.uniform(key, n) * size));
    }

    private static double round(double metres) {
        return Math.round(metres * 100) / 100.0;
    }
}
