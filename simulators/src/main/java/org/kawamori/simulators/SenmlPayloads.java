package org.kawamori.simulators;

import java.time.Instant;
import java.util.Locale;
import org.kawamori.core.DeviceId;

/** SenML JSON (RFC 8428) as a sensor sends it: base name naming the device, epoch time in seconds. */
public final class SenmlPayloads {

    private SenmlPayloads() {}

    /** A river gauge's water level, one record. */
    public static String level(DeviceId device, double metres, Instant time) {
        return one(device, "level", metres, time);
    }

    /** An inundation sensor's water depth, one record. */
    public static String depth(DeviceId device, double metres, Instant time) {
        return one(device, "depth", metres, time);
    }

    /** An inundation sensor's daily health check: depth and battery, two records. */
    public static String healthCheck(DeviceId device, double depthMetres, int batteryPercent, Instant time) {
        return String.format(
                Locale.ROOT,
                "[{\"bn\":\"urn:dev:kawamori:%s:\",\"bt\":%d.%03d,\"n\":\"depth\",\"u\":\"m\",\"v\":%.2f},"
                        + "{\"n\":\"battery\",\"u\":\"%%EL\",\"v\":%d}]",
                device.value(),
                time.getEpochSecond(),
                time.getNano() / 1_000_000,
                depthMetres,
                batteryPercent);
    }

    private static String one(DeviceId device, String name, double metres, Instant time) {
        return String.format(
                Locale.ROOT,
                "[{\"bn\":\"urn:dev:kawamori:%s:\",\"bt\":%d.%03d,\"n\":\"%s\",\"u\":\"m\",\"v\":%.2f}]",
                device.value(),
                time.getEpochSecond(),
                time.getNano() / 1_000_000,
                name,
                metres);
    }
}
