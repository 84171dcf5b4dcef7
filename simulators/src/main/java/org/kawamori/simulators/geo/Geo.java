package org.kawamori.simulators.geo;

import org.kawamori.core.GeoPoint;

/** Distances and offsets on the basin's scale (tens of kilometres): an equirectangular approximation, good to a few metres. */
public final class Geo {

    private static final double EARTH_RADIUS_M = 6_371_000;

    private Geo() {}

    /** Metres between two points. */
    public static double distance(GeoPoint a, GeoPoint b) {
        double meanLat = Math.toRadians((a.latitude() + b.latitude()) / 2);
        double dx = Math.toRadians(b.longitude() - a.longitude()) * Math.cos(meanLat);
        double dy = Math.toRadians(b.latitude() - a.latitude());
        return EARTH_RADIUS_M * Math.hypot(dx, dy);
    }

    /** The point {@code north} metres north and {@code east} metres east of {@code from}. */
    public static GeoPoint offset(GeoPoint from, double north, double east) {
        double lat = from.latitude() + Math.toDegrees(north / EARTH_RADIUS_M);
        double lon =
                from.longitude() + Math.toDegrees(east / (EARTH_RADIUS_M * Math.cos(Math.toRadians(from.latitude()))));
        return new GeoPoint(round(lat), round(lon));
    }

    /** The point a fraction {@code f} (0..1) of the way from {@code a} to {@code b}. */
    public static GeoPoint between(GeoPoint a, GeoPoint b, double f) {
        return new GeoPoint(
                round(a.latitude() + (b.latitude() - a.latitude()) * f),
                round(a.longitude() + (b.longitude() - a.longitude()) * f));
    }

    /** Metres from {@code p} to the segment {@code a}–{@code b}. */
    public static double distanceToSegment(GeoPoint p, GeoPoint a, GeoPoint b) {
        double ab = distance(a, b);
        if (ab < 0.01) {
            return distance(p, a);
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i <= 64; i++) {
            best = Math.min(best, distance(p, between(a, b, i / 64.0)));
        }
        return best;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
