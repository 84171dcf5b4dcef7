package org.kawamori.simulators.watch;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.kawamori.core.GeoPoint;

/** Detection batches, version 1 (docs/gateway-batch.md), as a gateway sends them. */
public final class DetectionBatches {

    /** One tag heard: its id, when, and how strongly. */
    public record Heard(String tag, Instant time, int rssi) {
        @Override
        public String toString() {
            return "Heard[" + time + ", " + rssi + " dBm]";
        }
    }

    private DetectionBatches() {}

    /**
     * The batch of {@code gateway}; {@code position} (with its accuracy) only for a moving gateway, whose
     * detections are placed where it was.
     */
    public static String batch(String gateway, Instant sent, GeoPoint position, double accuracy, List<Heard> heard) {
        StringBuilder s = new StringBuilder(64 + heard.size() * 64);
        s.append("{\"v\":1,\"gateway\":\"")
                .append(gateway)
                .append("\",\"sent\":")
                .append(epoch(sent));
        if (position != null) {
            s.append(String.format(
                    Locale.ROOT,
                    ",\"position\":{\"lat\":%.6f,\"lon\":%.6f,\"accuracy\":%.1f}",
                    position.latitude(),
                    position.longitude(),
                    accuracy));
        }
        s.append(",\"detections\":[");
        for (int i = 0; i < heard.size(); i++) {
            Heard h = heard.get(i);
            s.append(i == 0 ? "" : ",")
                    .append("{\"tag\":\"")
                    .append(h.tag())
                    .append("\",\"time\":")
                    .append(epoch(h.time()))
                    .append(",\"rssi\":")
                    .append(h.rssi())
                    .append('}');
        }
        return s.append("]}").toString();
    }

    /** A received strength for a tag {@code metres} away: about −59 dBm at 1 m, 20 dB per decade. */
    public static int rssi(double metres, double jitter) {
        double dbm = -59 - 20 * Math.log10(Math.max(1, metres)) + jitter;
        return (int) Math.max(-127, Math.min(20, Math.round(dbm)));
    }

    private static String epoch(Instant t) {
        return String.format(Locale.ROOT, "%d.%03d", t.getEpochSecond(), t.getNano() / 1_000_000);
    }
}
