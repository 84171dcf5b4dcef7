package org.kawamori.simulators.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.TagId;
import org.kawamori.simulators.SimulationConfig;
import org.kawamori.simulators.geo.BasinBoundaries;
import org.kawamori.simulators.geo.Geo;
import org.kawamori.simulators.geo.Polyline;
import org.kawamori.simulators.play.Noise;
import org.kawamori.simulators.play.SimDevice.SimGateway;
import org.kawamori.simulators.play.SimDevice.SimTag;

/**
 * Places the school day: a school 500–900 m from each town's station; children living 300–900 m from
 * their school who walk there by the streets (an L-shaped way) at 07:20–07:50 and home at 14:50–15:40;
 * elderly people living 300–700 m from a station who walk there at 08:30–10:30, stay half an hour and
 * walk back. Fixed detectors go at school gates first, then stations, then street cameras at the
 * corners of children's ways; phones walk loops around a town from 07:00 to 20:00. The first child goes
 * missing on the way home: halfway, it turns away from its way and walks 1.2 km off.
 */
final class SchoolDayLayout {

    private static final BasinBoundaries BOUNDARIES = BasinBoundaries.kakogawa();
    private static final double WALKING = 1.1;

    private final SimulationConfig config;
    private final Noise noise;
    private final Instant day;
    private final List<Town> towns = Town.kakogawaBasin();
    private final List<GeoPoint> schools = new ArrayList<>();
    final List<Walker> walkers = new ArrayList<>();
    final List<Scanner> scanners = new ArrayList<>();

    SchoolDayLayout(SimulationConfig config, Instant day) {
        this.config = config;
        this.noise = new Noise(config.seed());
        this.day = day;
        for (int i = 0; i < towns.size(); i++) {
            schools.add(near("school", i, towns.get(i).station(), 500, 900));
        }
        int children = (int) Math.round(config.tags() * 0.75);
        for (int n = 1; n <= config.tags(); n++) {
            walkers.add(n <= children ? child(n) : elderly(n));
        }
        placeFixed();
        for (int p = 1; p <= config.phones(); p++) {
            scanners.add(phone(p));
        }
    }

    private Walker child(int n) {
        int town = n % towns.size();
        GeoPoint school = schools.get(town);
        GeoPoint home = near("home", n, school, 300, 900);
        Polyline way = Polyline.of(
                "way",
                home.latitude(),
                home.longitude(),
                home.latitude(),
                school.longitude(),
                school.latitude(),
                school.longitude());
        Polyline back = reversed(way);
        Instant goes = at("child-goes", n, 7 * 60 + 20, 7 * 60 + 50);
        Instant returns = at("child-returns", n, 14 * 60 + 50, 15 * 60 + 40);
        if (n == 1) {
            return missing(n, home, way, back, goes, returns);
        }
        return new Walker(
                tag(n, home),
                Walker.Kind.CHILD,
                new Walk(List.of(Walk.Leg.walked(goes, way, WALKING), Walk.Leg.walked(returns, back, WALKING))),
                way,
                Optional.empty());
    }

    /** Halfway home the child turns square to its way and walks 1.2 km off, where it stays. */
    private Walker missing(int n, GeoPoint home, Polyline way, Polyline back, Instant goes, Instant returns) {
        GeoPoint halfway = back.at(0.5);
        Walk.Leg toHalfway = Walk.Leg.walked(returns, back.upTo(0.5), WALKING);
        GeoPoint away = awayFrom(way, halfway);
        Walk.Leg off = Walk.Leg.walked(
                toHalfway.arrives(),
                Polyline.of("off", halfway.latitude(), halfway.longitude(), away.latitude(), away.longitude()),
                WALKING);
        return new Walker(
                tag(n, home),
                Walker.Kind.CHILD,
                new Walk(List.of(Walk.Leg.walked(goes, way, WALKING), toHalfway, off)),
                way,
                Optional.of(toHalfway.arrives()));
    }

    private Walker elderly(int n) {
        GeoPoint station = towns.get(n % towns.size()).station();
        GeoPoint home = near("home", n, station, 300, 700);
        Polyline way = Polyline.of("way", home.latitude(), home.longitude(), station.latitude(), station.longitude());
        Walk.Leg there = Walk.Leg.walked(at("elderly-goes", n, 8 * 60 + 30, 10 * 60 + 30), way, 0.8);
        Walk.Leg back = Walk.Leg.walked(there.arrives().plus(Duration.ofMinutes(30)), reversed(way), 0.8);
        return new Walker(tag(n, home), Walker.Kind.ELDERLY, new Walk(List.of(there, back)), way, Optional.empty());
    }

    private void placeFixed() {
        List<GeoPoint> places = new ArrayList<>(schools);
        towns.forEach(t -> places.add(t.station()));
        for (Walker w : walkers) {
            if (w.kind() == Walker.Kind.CHILD) {
                places.add(w.usualPath().points().get(1));
            }
        }
        for (int i = 0; i < Math.min(config.gateways(), places.size()); i++) {
            String kind = i < schools.size() ? "gate" : i < schools.size() + towns.size() ? "stn" : "cam";
            String id = String.format(Locale.ROOT, "sim-%s-%03d", kind, i + 1);
            GeoPoint p = places.get(i);
            Gateway gateway = new Gateway(DeviceId.of(id), municipality(p), GatewayKind.FIXED, Optional.of(p), true);
            String name =
                    switch (kind) {
                        case "gate" -> towns.get(i).stationJa().replace("駅", "") + " 小学校 正門（模擬）";
                        case "stn" -> towns.get(i - schools.size()).stationJa() + "（模擬）";
                        default -> "街頭カメラ " + (i + 1) + "（模擬）";
                    };
            scanners.add(scanner(gateway, Optional.of(name), Walk.standing(p, day)));
        }
    }

    private Scanner phone(int p) {
        String id = String.format(Locale.ROOT, "sim-phone-%03d", p);
        GeoPoint centre = towns.get(p % towns.size()).station();
        double[] loop = new double[10];
        for (int k = 0; k < 4; k++) {
            GeoPoint corner = near(id, k, centre, 200, 800);
            loop[2 * k] = corner.latitude();
            loop[2 * k + 1] = corner.longitude();
        }
        loop[8] = loop[0];
        loop[9] = loop[1];
        Polyline round = Polyline.of("round", loop);
        List<Walk.Leg> legs = new ArrayList<>();
        for (Instant t = day.plus(Duration.ofHours(7)); t.isBefore(day.plus(Duration.ofHours(20))); ) {
            Walk.Leg leg = Walk.Leg.walked(t, round, 1.2);
            legs.add(leg);
            t = leg.arrives();
        }
        Gateway gateway = new Gateway(DeviceId.of(id), municipality(centre), GatewayKind.PHONE, Optional.empty(), true);
        return scanner(gateway, Optional.empty(), new Walk(legs));
    }

    private Scanner scanner(Gateway gateway, Optional<String> name, Walk walk) {
        String id = gateway.id().value();
        SimGateway device =
                new SimGateway(gateway, name, noise.secret(id), config.mix().forGateway(noise.uniform(id, 1)));
        Duration phase = Duration.ofMillis(
                (long) noise.between(id, 2, 0, config.scanEvery().toMillis()));
        return new Scanner(device, walk, phase, scanners.size());
    }

    private SimTag tag(int n, GeoPoint home) {
        return new SimTag(new TagId(String.format(Locale.ROOT, "sim-tag-%05d", n)), municipality(home));
    }

    private GeoPoint awayFrom(Polyline way, GeoPoint from) {
        for (int attempt = 0; attempt < 64; attempt++) {
            double angle = attempt * Math.PI / 32;
            GeoPoint p = Geo.offset(from, 1200 * Math.cos(angle), 1200 * Math.sin(angle));
            if (way.distanceTo(p) > 900 && BOUNDARIES.municipalityAt(p).isPresent()) {
                return p;
            }
        }
        throw new IllegalStateException("nowhere to go missing");
    }

    private GeoPoint near(String key, int n, GeoPoint centre, double min, double max) {
        for (int attempt = 0; attempt < 100; attempt++) {
            double angle = noise.between(key + n, attempt, 0, 2 * Math.PI);
            double metres = noise.between(key + n, 1000 + attempt, min, max);
            GeoPoint p = Geo.offset(centre, metres * Math.cos(angle), metres * Math.sin(angle));
            if (BOUNDARIES.municipalityAt(p).isPresent()) {
                return p;
            }
        }
        throw new IllegalStateException("no place inside the basin");
    }

    private Instant at(String key, int n, int fromMinute, int toMinute) {
        return day.plus(Duration.ofSeconds((long) noise.between(key, n, fromMinute * 60, toMinute * 60)));
    }

    private static org.kawamori.core.MunicipalityCode municipality(GeoPoint p) {
        return BOUNDARIES.municipalityAt(p).orElseThrow();
    }

    private static Polyline reversed(Polyline line) {
        List<GeoPoint> points = new ArrayList<>(line.points());
        java.util.Collections.reverse(points);
        return new Polyline(line.name(), points);
    }
}
