package org.kawamori.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.kawamori.core.ingest.RejectionReason;

/** Counts what the pipeline did: accepted messages, readings, new rows, and rejections by reason. */
public final class IngestCounters {

    private final LongAdder acceptedMessages = new LongAdder();
    private final LongAdder readings = new LongAdder();
    private final LongAdder newRows = new LongAdder();
    private final Map<RejectionReason, LongAdder> rejected = new EnumMap<>(RejectionReason.class);

    public IngestCounters() {
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    void accepted(int readingCount, int freshRows) {
        acceptedMessages.increment();
        readings.add(readingCount);
        newRows.add(freshRows);
    }

    void countRejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    public long acceptedMessages() {
        return acceptedMessages.sum();
    }

    public long readings() {
        return readings.sum();
    }

    public long newRows() {
        return newRows.sum();
    }

    public long rejected(RejectionReason reason) {
        return rejected.get(reason).sum();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
