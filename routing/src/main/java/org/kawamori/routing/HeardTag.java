package org.kawamori.routing;

import java.time.Instant;
import java.util.Objects;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.TagId;

/**
 * One tag a gateway heard, with the position it was heard at (the detection's own, the batch's, or
 * the fixed gateway's) and that position's accuracy in metres. Holds a tag id: never printed.
 */
record HeardTag(TagId tag, Instant time, int rssi, GeoPoint position, double accuracyMetres) {

    HeardTag {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
        return "HeardTag[redacted]";
    }
}
