package org.kawamori.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kawamori.core.port.DetectionSink;
import org.kawamori.core.port.GatewayRegistry;
import org.kawamori.core.port.SightingListener;
import org.kawamori.core.port.TagDirectory;

/** What the detection route needs from the other modules. */
public record DetectionPorts(
        GatewayRegistry gateways, TagDirectory tags, DetectionSink sink, List<SightingListener> sightingListeners) {

    public DetectionPorts {
        sightingListeners = List.copyOf(sightingListeners);
    }

    /** No gateways: every batch is refused as coming from an unknown gateway. */
    public static DetectionPorts none() {
        return new DetectionPorts(
                id -> Optional.empty(),
                tags -> Map.of(),
                detections -> {
                    throw new IllegalStateException("no detection store");
                },
                List.of());
    }
}
