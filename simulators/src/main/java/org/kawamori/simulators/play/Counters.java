package org.kawamori.simulators.play;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a run sent and what came back: messages sent, acknowledged (PUBACK, CoAP 2.04, HTTPS 200 —
 * Kawamori answers after commit) and failed, and the rows the acknowledged messages carried, readings
 * and detections apart, so they can be compared with the database.
 */
public final class Counters {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong readingsAcked = new AtomicLong();
    private final AtomicLong detectionsAcked = new AtomicLong();

    /** A snapshot of the counters. */
    public record Totals(long sent, long acked, long failed, long readingsAcked, long detectionsAcked) {
        public long inFlight() {
            return sent - acked - failed;
        }
    }

    void sent() {
        sent.incrementAndGet();
    }

    void acked(Outgoing message) {
        (message.isBatch() ? detectionsAcked : readingsAcked).addAndGet(message.records());
        acked.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    public Totals totals() {
        return new Totals(sent.get(), acked.get(), failed.get(), readingsAcked.get(), detectionsAcked.get());
    }
}
