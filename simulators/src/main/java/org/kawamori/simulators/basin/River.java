package org.kawamori.simulators.basin;

import java.time.Duration;
import java.util.List;
import org.kawamori.simulators.geo.Polyline;

/**
 * A river of the basin as the typhoon day sees it: its course from upstream to downstream, and when
 * the flood crest passes its first and its last point (hours after the day begins). Between them the
 * crest travels down at an even pace.
 */
public record River(String nameJa, Polyline course, Duration crestAtSource, Duration crestAtEnd) {

    /** When the crest passes the point a fraction {@code f} of the course downstream. */
    public Duration crestAt(double f) {
        long from = crestAtSource.toSeconds();
        long to = crestAtEnd.toSeconds();
        return Duration.ofSeconds(Math.round(from + (to - from) * f));
    }

    /**
     * The Kakogawa and three tributaries, by coordinates inside the basin municipalities (MLIT
     * boundaries): the main stem from Nishiwaki to the mouth between Kakogawa and Takasago, the
     * Sugihara from Taka, the Mankan from Kasai and the Mino from Miki. Courses are a few points each:
     * close enough to the real rivers for a simulation, not a survey.
     */
    public static List<River> kakogawaBasin() {
        return List.of(
                new River(
                        "加古川",
                        Polyline.of(
                                "kakogawa",
                                35.030,
                                134.990,
                                34.990,
                                134.975,
                                34.960,
                                134.965,
                                34.930,
                                134.950,
                                34.900,
                                134.940,
                                34.870,
                                134.930,
                                34.840,
                                134.915,
                                34.815,
                                134.900,
                                34.790,
                                134.870,
                                34.770,
                                134.850,
                                34.745,
                                134.835,
                                34.730,
                                134.825),
                        Duration.ofHours(9),
                        Duration.ofHours(15)),
                new River(
                        "杉原川",
                        Polyline.of("sugihara", 35.120, 134.900, 35.100, 134.910, 35.060, 134.940, 34.995, 134.975),
                        Duration.ofHours(8),
                        Duration.ofHours(9)),
                new River(
                        "万願寺川",
                        Polyline.of("mankan", 34.905, 134.830, 34.880, 134.880, 34.860, 134.905, 34.845, 134.915),
                        Duration.ofMinutes(9 * 60 + 30),
                        Duration.ofHours(11)),
                new River(
                        "美嚢川",
                        Polyline.of("mino", 34.795, 135.000, 34.805, 134.960, 34.815, 134.925, 34.830, 134.905),
                        Duration.ofHours(10),
                        Duration.ofHours(12)));
    }
}
