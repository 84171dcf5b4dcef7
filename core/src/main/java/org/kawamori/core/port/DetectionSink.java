package org.kawamori.core.port;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    /**
     * Like {@link #append}, but without holding the caller's thread: the stage completes with the
     * number of new rows once they are committed, or fails with the exceptions {@link #append}
     * throws. Stores that batch many messages into one transaction override it; the default commits
     * on the caller's thread.
     */
    default CompletionStage<Integer> submit(List<Detection> detections) {
        try {
            return CompletableFuture.completedFuture(append(detections));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
