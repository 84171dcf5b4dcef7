package org.kawamori.simulators.watch;

import java.util.List;
import org.kawamori.core.GeoPoint;

/**
 * A town of the basin with a railway station, around which the school day places a school, homes
 * and walks. Station positions are approximate (a simulation, not a survey) and lie inside their
 * municipality's boundary.
 */
public record Town(String stationJa, GeoPoint station) {

    public static List<Town> kakogawaBasin() {
        return List.of(
                new Town("加古川駅", new GeoPoint(34.7567, 134.8413)),
                new Town("東加古川駅", new GeoPoint(34.7611, 134.8812)),
                new Town("宝殿駅", new GeoPoint(34.7738, 134.8076)),
                new Town("小野町駅", new GeoPoint(34.8506, 134.9305)),
                new Town("三木駅", new GeoPoint(34.7974, 134.9902)),
                new Town("社町駅", new GeoPoint(34.9170, 134.9880)),
                new Town("北条町駅", new GeoPoint(34.9250, 134.8420)),
                new Town("西脇市駅", new GeoPoint(34.9930, 134.9680)));
    }
}
