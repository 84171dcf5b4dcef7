package org.kawamori.timeseries;

import java.time.Instant;
import java.util.Objects;
import org.kawamori.core.DeviceId;

/**
 * When a device was last heard and when its next report is due.
 *
 * @param device the device
 * @param lastSeen the time of its newest message, or null
 * @param expectedNext when it should report next at the latest (from its reporting mode), or null
 * @param reportingMode how it reports, e.g. {@code DAILY} or {@code EVERY_10_MINUTES}; free text, or null
 */
public record DeviceState(DeviceId device, Instant lastSeen, Instant expectedNext, String reportingMode) {

    public DeviceState {
        Objects.requireNonNull(device, "device");
    }
}
