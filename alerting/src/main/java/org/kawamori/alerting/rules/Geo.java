package org.kawamori.alerting.rules;

import org.kawamori.core.GeoPoint;

/** Distances on the WGS 84 sphere approximation (haversine); metres, good to well under 1 % at city scale. */
public final class Geo {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private Geo() {}

    public static double metresBetween(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.latitude());
        double lat2 = Math.toRadians(b.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
