package org.kawamori.simulators;

import java.time.Instant;
import java.util.Locale;
import org.kawamori.core.DeviceId;

/** SenML JSON (RFC 8428) as a gauge sends it: base name naming the device, epoch time in seconds. */
public final class SenmlPayloads {

    private SenmlPayloads() {}

    public static String level(DeviceId device, double metres, Instant time) {
        return String.format(
                Locale.ROOT,
                "[{\"bn\":\"urn:dev:kawamori:%s:\",\"bt\":%d.%03d,\"n\":\"level\",\"u\":\"m\",\"v\":%.2f}]",
                device.value(),
                time.getEpochSecond(),
                time.getNano() / 1_000_000,
                metres);
    }
}
