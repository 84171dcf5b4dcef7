package org.kawamori.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the listeners of committed data (the live map, the alert rules) off the acknowledgement path,
 * still in each subject's order.
 *
 * <pre>
 *  PublishCommitted(sensor S) ──► lane (hash of S) ──► listeners, one after the other
 *      │ returns at once: the message is answered (PUBACK, 2.04) once committed,
 *      │ without waiting for the rules
 *      ▼
 *  lanes: N single threads, each a bounded queue; a subject always goes to the same lane, so its
 *  readings reach the rules in the order they were committed. A full lane makes the route wait
 *  (backpressure) instead of dropping anything.
 * </pre>
 */
final class ListenerLanes implements AutoCloseable {

    private final List<ThreadPoolExecutor> lanes = new ArrayList<>();

    ListenerLanes(int count, int capacity) {
        for (int i = 0; i < count; i++) {
            int n = i;
            ThreadPoolExecutor lane =
                    new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
                        Thread t = new Thread(r, "kawamori-listeners-" + n);
                        t.setDaemon(true);
                        return t;
                    });
            // a full lane: wait for room (in order), never run on the caller's thread
            lane.setRejectedExecutionHandler((task, executor) -> {
                if (executor.isShutdown()) {
                    return;
                }
                try {
                    executor.getQueue().put(task);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            lanes.add(lane);
        }
    }

    /** Runs {@code work} after everything handed over before for the same subject. */
    void run(String subject, Runnable work) {
        lanes.get(Math.floorMod(subject.hashCode(), lanes.size())).execute(work);
    }

    /** Work waiting or running (for metrics and tests). */
    int pending() {
        return lanes.stream()
                .mapToInt(l -> l.getQueue().size() + l.getActiveCount())
                .sum();
    }

    /** Lets the lanes finish what they hold (at most {@code waitMillis}), then stops them. */
    void close(long waitMillis) {
        lanes.forEach(ExecutorService::shutdown);
        long deadline = System.currentTimeMillis() + waitMillis;
        for (ThreadPoolExecutor lane : lanes) {
            try {
                lane.awaitTermination(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lane.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(5_000);
    }
}
