package org.kawamori.simulators.basin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kawamori.core.DeviceId;
import org.kawamori.simulators.SenmlPayloads;
import org.kawamori.simulators.SimulationConfig;
import org.kawamori.simulators.play.Noise;
import org.kawamori.simulators.play.Outgoing;
import org.kawamori.simulators.play.Scenario;
import org.kawamori.simulators.play.SimDevice;

/**
 * A typhoon day on the Kakogawa basin. Rain falls in the early hours; the crest reaches the upstream
 * gauges (Taka, Nishiwaki) about 8–9 h after the day begins and the mouth (Kakogawa, Takasago) about
 * 15 h; every gauge rises from its calm level through 水防団待機 … 氾濫危険 (a quarter of them to
 * 氾濫発生), and falls back below stage 1 by the end of the day. Inundation sensors beside a river are
 * wet while their gauge is at stage 3 (避難判断) or above. Each sensor reports in its real mode
 * ({@link Reporting}).
 */
public final class TyphoonDay implements Scenario {

    static final Duration GAUGE_SLOT = Duration.ofMinutes(10);
    static final Duration INUNDATION_SLOT = Duration.ofMinutes(5);
    private static final Duration RISE = Duration.ofMinutes(150);
    private static final Duration FALL = Duration.ofMinutes(240);

    private final Instant start;
    private final Instant end;
    private final Noise noise;
    private final List<Station> stations;

    public TyphoonDay(SimulationConfig config, Instant start) {
        this.start = start;
        this.end = start.plus(config.duration());
        this.noise = new Noise(config.seed());
        this.stations = new BasinLayout(config, start).stations();
    }

    @Override
    public String name() {
        return "typhoon";
    }

    public List<Station> stations() {
        return stations;
    }

    @Override
    public List<SimDevice> devices() {
        return stations.stream().<SimDevice>map(Station::device).toList();
    }

    @Override
    public Instant start() {
        return start;
    }

    @Override
    public Instant end() {
        return end;
    }

    /** A gauge's water level at {@code t}: calm, a crest shaped by the rise and fall, centimetre noise. */
    public double level(Station gauge, Instant t) {
        double dt = Duration.between(gauge.crestAt(), t).toSeconds();
        double width = (dt < 0 ? RISE : FALL).toSeconds();
        double swell = (gauge.crestLevel() - gauge.calmLevel()) * Math.exp(-(dt / width) * (dt / width));
        double jitter = noise.between(gauge.device().sensor().id().value(), t.getEpochSecond(), -0.01, 0.01);
        return Math.round((gauge.calmLevel() + swell + jitter) * 100) / 100.0;
    }

    /** An inundation sensor's depth at {@code t}: 0 when dry, 1 cm upward while its gauge is at stage 3+. */
    public double depth(Station sensor, Instant t) {
        Station gauge = sensor.follows().orElseThrow();
        StageThresholds stages = gauge.stages().orElseThrow();
        double level = level(gauge, t);
        if (level < stages.of(3)) {
            return 0;
        }
        double depth = 0.01 + 0.4 * (level - stages.of(3)) / (stages.of(5) - stages.of(3));
        return Math.round(depth * 100) / 100.0;
    }

    @Override
    public List<Outgoing> between(Instant from, Instant to) {
        List<Outgoing> out = new ArrayList<>();
        for (Station station : stations) {
            Duration slot = station.isGauge() ? GAUGE_SLOT : INUNDATION_SLOT;
            for (Instant t = firstSlot(station, slot, from); t.isBefore(to); t = t.plus(slot)) {
                if (!t.isBefore(end)) {
                    break;
                }
                report(station, t).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(Outgoing::at));
        return out;
    }

    private java.util.Optional<Outgoing> report(Station s, Instant t) {
        DeviceId id = s.device().sensor().id();
        boolean daily = isDailySlot(s, t);
        return switch (s.reporting()) {
            case PERIODIC -> java.util.Optional.of(send(s, t, SenmlPayloads.level(id, level(s, t), t), 1));
            case CRISIS -> {
                double level = level(s, t);
                yield level >= s.observationStart() || daily
                        ? java.util.Optional.of(send(s, t, SenmlPayloads.level(id, level, t), 1))
                        : java.util.Optional.empty();
            }
            case ON_EVENT -> {
                double depth = depth(s, t);
                boolean driedUp = depth == 0 && depth(s, t.minus(INUNDATION_SLOT)) > 0;
                if (daily) {
                    int battery = (int) Math.round(noise.between(id.value(), 12, 60, 100));
                    yield java.util.Optional.of(send(s, t, SenmlPayloads.healthCheck(id, depth, battery, t), 2));
                }
                yield depth > 0 || driedUp
                        ? java.util.Optional.of(send(s, t, SenmlPayloads.depth(id, depth, t), 1))
                        : java.util.Optional.empty();
            }
        };
    }

    /** Whether {@code t} is the sensor's once-a-day slot: the first slot at or after its daily time. */
    boolean isDailySlot(Station s, Instant t) {
        Duration slot = s.isGauge() ? GAUGE_SLOT : INUNDATION_SLOT;
        long intoDay = Duration.between(start, t).toSeconds() % 86_400;
        long daily = s.dailyAt().toSeconds();
        return intoDay >= daily && intoDay < daily + slot.toSeconds();
    }

    private static Outgoing send(Station s, Instant t, String payload, int records) {
        return new Outgoing(t, s.device(), payload, records);
    }

    /** The first of the station's slots at or after {@code from}: slots are start + phase + k·slot. */
    private Instant firstSlot(Station s, Duration slot, Instant from) {
        Instant origin = start.plus(s.phase());
        if (!from.isAfter(origin)) {
            return origin;
        }
        long k = (Duration.between(origin, from).toMillis() + slot.toMillis() - 1) / slot.toMillis();
        return origin.plus(slot.multipliedBy(k));
    }
}
