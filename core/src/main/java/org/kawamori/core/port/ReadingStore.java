package org.kawamori.core.port;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.kawamori.core.Reading;

/**
 * Writes readings. {@link #append} returns once the rows are committed; a reading already stored
 * (same device, quantity and time) is not stored twice, so redelivered messages are harmless.
 */
public interface ReadingStore {

    /**
     * @return how many of the readings were new
     * @throws StoreUnavailableException when the store cannot commit now; nothing was written
     */
    int append(List<Reading> readings);

    /**
     * Like {@link #append}, but without holding the caller's thread: the stage completes with the
     * number of new rows once they are committed, or fails with the exceptions {@link #append}
     * throws. Stores that batch many messages into one transaction override it; the default commits
     * on the caller's thread.
     */
    default CompletionStage<Integer> submit(List<Reading> readings) {
        try {
            return CompletableFuture.completedFuture(append(readings));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
