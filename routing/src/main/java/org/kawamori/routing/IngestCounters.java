package org.kawamori.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.kawamori.core.ingest.RejectionReason;

/**
 * Counts what the pipeline did: accepted messages, readings, new rows, gateway batches, detections,
 * ignored beacons, and rejections by reason.
 */
public final class IngestCounters {

    private final LongAdder acceptedMessages = new LongAdder();
    private final LongAdder readings = new LongAdder();
    private final LongAdder newRows = new LongAdder();
    private final LongAdder acceptedBatches = new LongAdder();
    private final LongAdder detections = new LongAdder();
    private final LongAdder newDetections = new LongAdder();
    private final LongAdder beaconsIgnored = new LongAdder();
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

    void detectionsAccepted(int detectionCount, int freshRows) {
        acceptedBatches.increment();
        detections.add(detectionCount);
        newDetections.add(freshRows);
    }

    void beaconsIgnored(int count) {
        beaconsIgnored.add(count);
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

    /** Gateway batches committed. */
    public long acceptedBatches() {
        return acceptedBatches.sum();
    }

    /** Detections of registered tags in committed batches. */
    public long detections() {
        return detections.sum();
    }

    public long newDetections() {
        return newDetections.sum();
    }

    /** Heard beacons that are no registered, enabled tag: dropped, never stored. */
    public long beaconsIgnored() {
        return beaconsIgnored.sum();
    }
}
