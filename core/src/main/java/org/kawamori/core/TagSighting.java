package org.kawamori.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One sighting of a tag: the detections of that tag by one or more gateways within a short window,
 * folded into one event at the best position heard (the smallest accuracy, then the strongest
 * signal). The raw detections stay stored. Personal data: never printed.
 *
 * @param first when the tag was first heard in the window
 * @param last when it was last heard in the window
 * @param detections how many detections were folded
 */
public record TagSighting(
        TagId tag,
        MunicipalityCode municipality,
        Instant first,
        Instant last,
        GeoPoint position,
        double accuracyMetres,
        int detections) {

    public TagSighting {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
        return "TagSighting[redacted]";
    }
}
