package org.kawamori.core.port;

import java.util.List;
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
}
