package org.kawamori.core.port;

import java.util.List;
import org.kawamori.core.Detection;

/**
 * Writes tag detections. {@link #append} returns once they are committed; a detection already stored
 * (same tag, time and gateway) is not stored twice.
 */
public interface DetectionSink {

    /**
     * @return how many were new
     * @throws StoreUnavailableException when the store cannot commit now; nothing was written
     * @throws StoreRefusedException when the store refuses them for good; nothing was written
     */
    int append(List<Detection> detections);
}
