package org.kawamori.simulators.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.kawamori.core.GeoPoint;
import org.kawamori.simulators.geo.Polyline;

/**
 * Where someone (or a phone) is over the day: walks along paths at set times, standing still between
 * them at the end of the last one (before the first, at its start).
 */
public record Walk(List<Leg> legs) {

    /** One walk: along {@code path} from {@code departs}, arriving at {@code arrives}. */
    public record Leg(Instant departs, Instant arrives, Polyline path) {
        public Leg {
            if (!arrives.isAfter(departs)) {
                throw new IllegalArgumentException("a leg takes time");
            }
        }

        /** A leg walked at {@code metresPerSecond}. */
        public static Leg walked(Instant departs, Polyline path, double metresPerSecond) {
            long seconds = Math.max(1, Math.round(path.length() / metresPerSecond));
            return new Leg(departs, departs.plus(Duration.ofSeconds(seconds)), path);
        }
    }

    public Walk {
        legs = legs.stream().sorted(Comparator.comparing(Leg::departs)).toList();
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a walk needs a leg");
        }
    }

    /** Standing at {@code place} all day (a fixed detector). */
    public static Walk standing(GeoPoint place, Instant from) {
        return new Walk(List.of(new Leg(from, from.plusSeconds(1), new Polyline("here", List.of(place, place)))));
    }

    public GeoPoint at(Instant t) {
        GeoPoint last = legs.get(0).path().points().get(0);
        for (Leg leg : legs) {
            if (t.isBefore(leg.departs())) {
                return last;
            }
            if (t.isBefore(leg.arrives())) {
                double f = (double) Duration.between(leg.departs(), t).toMillis()
                        / Duration.between(leg.departs(), leg.arrives()).toMillis();
                return leg.path().at(f);
            }
            List<GeoPoint> points = leg.path().points();
            last = points.get(points.size() - 1);
        }
        return last;
    }
}
