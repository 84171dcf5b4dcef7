package org.kawamori.mapweb;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Reading;

/**
 * The latest battery reading of each sensor that reported one since this server started, for the
 * officers' device health. The store's latest-state query carries the primary quantity only, and a
 * per-sensor history read for 10,000 sensors would be too slow; after a restart the battery is known
 * again from each sensor's next health report (a daily one at the latest), and a low battery from its
 * active {@code battery-low} alert at once.
 */
final class LatestBatteries {

    private final Map<DeviceId, Reading> latest = new ConcurrentHashMap<>();

    /** Keeps the reading when it is newer than the one held. */
    void offer(Reading battery) {
        latest.merge(
                battery.device(), battery, (held, offered) -> offered.time().isAfter(held.time()) ? offered : held);
    }

    Optional<Reading> of(DeviceId sensor) {
        return Optional.ofNullable(latest.get(sensor));
    }
}
