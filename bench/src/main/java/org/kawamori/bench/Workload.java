package org.kawamori.bench;

import java.time.Instant;
import java.util.List;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.Municipalities;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.TagId;

/**
 * The synthetic basin: sensors spread over the basin's municipalities (every fifth an inundation
 * sensor), each message a level (or depth) and a battery reading; tags with detections by fixed
 * gateways. Deterministic: message i is always the same.
 */
final class Workload {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    private static final List<MunicipalityCode> BASIN = Municipalities.kakogawaBasin().stream()
            .map(Municipalities.Municipality::code)
            .toList();

    private static final int GATEWAYS = 1_400;

    private final int sensors;

    Workload(int sensors) {
        this.sensors = sensors;
    }

    static List<MunicipalityCode> basin() {
        return BASIN;
    }

    static String sensorId(int s) {
        return String.format("bench-s%05d", s);
    }

    static MunicipalityCode municipalityOf(int index) {
        return BASIN.get(index % BASIN.size());
    }

    static boolean isInundation(int s) {
        return s % 5 == 4;
    }

    /** The COPY line of device {@code s}: id, municipality, kind, name, lat, lon. */
    static String deviceLine(int s) {
        double lat = 34.70 + (s % 100) * 0.003;
        double lon = 134.75 + (s / 100 % 100) * 0.003;
        return sensorId(s) + "\t" + municipalityOf(s).value() + "\t" + (isInundation(s) ? "INUNDATION" : "RIVER_GAUGE")
                + "\tbench sensor " + s + "\t" + lat + "\t" + lon + "\n";
    }

    /** Message i: sensor i mod sensors, reporting at T0 + (i div sensors) minutes. */
    List<Reading> message(int i) {
        int s = i % sensors;
        Instant time = T0.plusSeconds(60L * (i / sensors));
        DeviceId device = DeviceId.of(sensorId(s));
        MunicipalityCode municipality = municipalityOf(s);
        Quantity primary = isInundation(s) ? Quantity.INUNDATION_DEPTH : Quantity.WATER_LEVEL;
        return List.of(
                new Reading(device, municipality, time, primary, (i % 300) / 100.0),
                new Reading(device, municipality, time, Quantity.BATTERY, 80 + i % 20));
    }

    /** The two COPY lines of message i, as bare COPY writes them. */
    String messageLines(int i) {
        StringBuilder lines = new StringBuilder(160);
        for (Reading r : message(i)) {
            lines.append(r.device().value())
                    .append('\t')
                    .append(r.municipality().value())
                    .append('\t')
                    .append(r.time())
                    .append('\t')
                    .append(r.quantity().senmlName())
                    .append('\t')
                    .append(r.value())
                    .append('\n');
        }
        return lines.toString();
    }

    static String tagId(int t) {
        return String.format("bench-tag-%06d", t);
    }

    static String tagLine(int t) {
        return tagId(t) + "\t" + municipalityOf(t).value() + "\n";
    }

    /** Detection k of tag t: heard by a gateway of any municipality every 30 s. */
    static Detection detection(int t, int k) {
        int gateway = (t * 7 + k) % GATEWAYS;
        return new Detection(
                new TagId(tagId(t)),
                municipalityOf(t),
                DeviceId.of(String.format("bench-gw-%04d", gateway)),
                municipalityOf(gateway),
                T0.plusSeconds(30L * k),
                new GeoPoint(34.70 + (gateway % 40) * 0.005, 134.75 + (gateway / 40) * 0.005),
                35.0,
                -60 - (t + k) % 30);
    }
}
