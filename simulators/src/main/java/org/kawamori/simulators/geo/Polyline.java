package org.kawamori.simulators.geo;

import java.util.List;
import org.kawamori.core.GeoPoint;

/** A river course or a walk: points in order, and the point at any fraction of its length. */
public record Polyline(String name, List<GeoPoint> points) {

    public Polyline {
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException("a polyline needs two points");
        }
    }

    public static Polyline of(String name, double... latLon) {
        GeoPoint[] points = new GeoPoint[latLon.length / 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = new GeoPoint(latLon[2 * i], latLon[2 * i + 1]);
        }
        return new Polyline(name, List.of(points));
    }

    /** Length in metres. */
    public double length() {
        double total = 0;
        for (int i = 1; i < points.size(); i++) {
            total += Geo.distance(points.get(i - 1), points.get(i));
        }
        return total;
    }

    /** The point a fraction {@code f} (0 = first point, 1 = last) of the length along. */
    public GeoPoint at(double f) {
        double target = Math.max(0, Math.min(1, f)) * length();
        for (int i = 1; i < points.size(); i++) {
            double segment = Geo.distance(points.get(i - 1), points.get(i));
            if (target <= segment || i == points.size() - 1) {
                return Geo.between(points.get(i - 1), points.get(i), segment == 0 ? 0 : Math.min(1, target / segment));
            }
            target -= segment;
        }
        return points.get(points.size() - 1);
    }

    /** The first part of the line, up to the fraction {@code f} of its length. */
    public Polyline upTo(double f) {
        double target = Math.max(0, Math.min(1, f)) * length();
        List<GeoPoint> part = new java.util.ArrayList<>(List.of(points.get(0)));
        for (int i = 1; i < points.size(); i++) {
            double segment = Geo.distance(points.get(i - 1), points.get(i));
            if (target <= segment) {
                part.add(Geo.between(points.get(i - 1), points.get(i), segment == 0 ? 0 : target / segment));
                break;
            }
            part.add(points.get(i));
            target -= segment;
        }
        return new Polyline(name, part);
    }

    /** Metres from {@code p} to the nearest point of the line. */
    public double distanceTo(GeoPoint p) {
        double best = Double.MAX_VALUE;
        for (int i = 1; i < points.size(); i++) {
            best = Math.min(best, Geo.distanceToSegment(p, points.get(i - 1), points.get(i)));
        }
        return best;
    }
}
