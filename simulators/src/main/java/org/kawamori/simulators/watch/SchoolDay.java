package org.kawamori.simulators.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kawamori.core.GeoPoint;
import org.kawamori.simulators.SimulationConfig;
import org.kawamori.simulators.geo.Geo;
import org.kawamori.simulators.play.Noise;
import org.kawamori.simulators.play.Outgoing;
import org.kawamori.simulators.play.Scenario;
import org.kawamori.simulators.play.SimDevice;

/**
 * A school day of watch tags ({@link SchoolDayLayout} places it): children walk to school and home,
 * elderly people walk to the station and back, fixed detectors at school gates, stations and street
 * corners and volunteers' phones hear the tags within {@link Scanner#RANGE_METRES}, and every scan that
 * heard a tag sends one detection batch (a phone's with its position, 10 m accuracy). One child goes
 * missing on its way home ({@link #missingChild()}).
 */
public final class SchoolDay implements Scenario {

    private static final int MAX_PER_BATCH = 1_000;

    private final SimulationConfig config;
    private final Instant start;
    private final Instant end;
    private final Noise noise;
    private final List<Walker> walkers;
    private final List<Scanner> scanners;

    public SchoolDay(SimulationConfig config, Instant start) {
        this.config = config;
        this.start = start;
        this.end = start.plus(config.duration());
        this.noise = new Noise(config.seed());
        SchoolDayLayout layout = new SchoolDayLayout(config, start);
        this.walkers = List.copyOf(layout.walkers);
        this.scanners = List.copyOf(layout.scanners);
    }

    @Override
    public String name() {
        return "school";
    }

    public List<Walker> walkers() {
        return walkers;
    }

    public List<Scanner> scanners() {
        return scanners;
    }

    /** The child who goes missing on its way home, if the day has a child. */
    public Optional<Walker> missingChild() {
        return walkers.stream().filter(w -> w.missingFrom().isPresent()).findFirst();
    }

    @Override
    public List<SimDevice> devices() {
        List<SimDevice> devices = new ArrayList<>();
        scanners.forEach(s -> devices.add(s.gateway()));
        walkers.forEach(w -> devices.add(w.tag()));
        return devices;
    }

    @Override
    public Instant start() {
        return start;
    }

    @Override
    public Instant end() {
        return end;
    }

    @Override
    public List<Outgoing> between(Instant from, Instant to) {
        List<Outgoing> out = new ArrayList<>();
        Duration every = config.scanEvery();
        for (Scanner scanner : scanners) {
            Instant origin = start.plus(scanner.phase());
            long k = from.isAfter(origin)
                    ? (Duration.between(origin, from).toMillis() + every.toMillis() - 1) / every.toMillis()
                    : 0;
            for (Instant t = origin.plus(every.multipliedBy(k)); t.isBefore(to) && t.isBefore(end); t = t.plus(every)) {
                scan(scanner, t, out);
            }
        }
        out.sort(Comparator.comparing(Outgoing::at));
        return out;
    }

    private void scan(Scanner scanner, Instant t, List<Outgoing> out) {
        GeoPoint here = scanner.walk().at(t);
        // a distinct millisecond per gateway: phones are stored as one finder, and a detection is (tag, time, gateway)
        Instant heardAt = t.minusMillis(1 + scanner.index() % 997);
        List<DetectionBatches.Heard> heard = new ArrayList<>();
        for (Walker walker : walkers) {
            double metres = Geo.distance(here, walker.walk().at(t));
            if (metres <= Scanner.RANGE_METRES) {
                String tag = walker.tag().tag().value();
                int rssi = DetectionBatches.rssi(metres, noise.between(tag, t.getEpochSecond(), -4, 4));
                heard.add(new DetectionBatches.Heard(tag, heardAt, rssi));
            }
        }
        for (int i = 0; i < heard.size(); i += MAX_PER_BATCH) {
            List<DetectionBatches.Heard> part = heard.subList(i, Math.min(heard.size(), i + MAX_PER_BATCH));
            String payload = DetectionBatches.batch(
                    scanner.gateway().gateway().id().value(), t, scanner.moves() ? here : null, 10, part);
            out.add(new Outgoing(t, scanner.gateway(), payload, part.size()));
        }
    }
}
