package org.kawamori.notify;

import java.util.concurrent.atomic.AtomicLong;

/** What one channel of the dispatcher did since start. Plain counters, read by metrics later. */
public final class ChannelCounters {

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong pending = new AtomicLong();

    /** Notices the channel delivered. */
    public long delivered() {
        return delivered.get();
    }

    /** Failed attempts (a notice retried three times before it went through counts three). */
    public long failed() {
        return failed.get();
    }

    /** Notices the channel gave up on and dead-lettered. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Notices the channel had nobody to send to ({@code accepts} said no). */
    public long skipped() {
        return skipped.get();
    }

    /** Notices the channel holds now: queued, being delivered or waiting for a retry. */
    public long pending() {
        return pending.get();
    }

    @Override
    public String toString() {
        return "delivered " + delivered + ", failed " + failed + ", dead-lettered " + deadLettered + ", skipped "
                + skipped + ", pending " + pending;
    }
}
