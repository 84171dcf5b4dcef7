package org.kawamori.alerting.rules;

import java.util.Objects;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;

/**
 * A downstream municipality watches an upstream station: once the station is at {@code fromStage} or
 * above, the downstream municipality's officers get their own alert naming the station, which follows
 * the station's stage and clears when it falls below {@code fromStage}.
 */
public record UpstreamSubscription(MunicipalityCode downstream, DeviceId station, Stage fromStage) {

    public static final Setting<Integer> FROM_STAGE = Setting.integer("upstream.from-stage", 3);

    public UpstreamSubscription {
        Objects.requireNonNull(downstream, "downstream");
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(fromStage, "fromStage");
    }

    /** With the downstream municipality's default stage. */
    public static UpstreamSubscription of(MunicipalityCode downstream, DeviceId station, Settings settings) {
        return new UpstreamSubscription(
                downstream,
                station,
                Stage.of(settings.forMunicipality(downstream).get(FROM_STAGE)));
    }
}
