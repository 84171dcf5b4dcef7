package org.kawamori.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.NoticeDeadLetters;
import org.kawamori.core.alert.Notifier;
import org.kawamori.core.alert.Notifier.DeliveryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans notices out to the notification channels. Every channel has its own worker thread and its own
 * bounded queue, so a channel that fails or hangs holds up nobody but itself:
 *
 * <pre>
 *                      ┌─► [webhook: ≤ capacity] ─► webhook worker ─┐
 *  publish(notice) ────┼─► [mqtt:    ≤ capacity] ─► mqtt worker    ─┼─► accepts? ── no ─► skipped
 *  (returns at once)   └─► [mail:    ≤ capacity] ─► mail worker    ─┘      │ yes
 *                                                                          ▼
 *                          ┌──────────── wait min(first·2ⁿ⁻¹, max), ── deliver(notice)
 *                          │             at least Retry-After            │
 *                          └───────────────── retryable, attempts left ◄─┤
 *                                                                        ├─ ok ─► delivered
 *       refused for good, last attempt failed, queue full, closed ──────┴─────► NoticeDeadLetters
 *                                                                               (channel, reason)
 * </pre>
 *
 * <ul>
 *   <li>{@link #publish} never blocks: a channel whose queue is full dead-letters the notice for
 *       itself, the other channels still get it.
 *   <li>{@link Notifier#accepts} and {@link Notifier#deliver} run on the channel's worker only, one
 *       notice at a time; a notice waiting for its retry does not hold up the channel's next notices,
 *       so notices of one alert may arrive out of order after a failure (receivers order them by
 *       {@code at} and drop repeats by {@code key}).
 *   <li>Delivery is at least once: the same key may arrive twice (a receiver took it but its answer
 *       was lost); never zero times without a dead-letter.
 *   <li>{@link #close} stops taking notices, waits up to the drain timeout for the channels to finish,
 *       then dead-letters what is left.
 * </ul>
 *
 * Counters per channel: {@link #counters(String)}. Logs name the notice by its key only.
 */
public final class NoticeDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeDispatcher.class);

    private final Map<String, Channel> channels;
    private final NoticeDeadLetters deadLetters;
    private final DispatcherConfig config;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    public NoticeDispatcher(
            Collection<? extends Notifier> notifiers, NoticeDeadLetters deadLetters, DispatcherConfig config) {
        this(notifiers, deadLetters, config, Clock.systemUTC());
    }

    public NoticeDispatcher(
            Collection<? extends Notifier> notifiers,
            NoticeDeadLetters deadLetters,
            DispatcherConfig config,
            Clock clock) {
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, Channel> byName = new LinkedHashMap<>();
        for (Notifier notifier : notifiers) {
            if (byName.put(notifier.channel(), new Channel(notifier)) != null) {
                throw new IllegalArgumentException("two channels are named " + notifier.channel());
            }
        }
        this.channels = Map.copyOf(byName);
    }

    /**
     * Hands a notice to every channel and returns at once.
     *
     * @throws IllegalStateException once the dispatcher is closed
     */
    public void publish(Notice notice) {
        Objects.requireNonNull(notice, "notice");
        if (closed.get()) {
            throw new IllegalStateException("the notice dispatcher is closed");
        }
        for (Channel channel : channels.values()) {
            channel.offer(notice);
        }
    }

    /** The names of the channels. */
    public Set<String> channels() {
        return channels.keySet();
    }

    /** What channel {@code name} did so far. */
    public ChannelCounters counters(String name) {
        Channel channel = channels.get(name);
        if (channel == null) {
            throw new IllegalArgumentException("no channel " + name);
        }
        return channel.counters;
    }

    /** Waits up to the drain timeout for every channel to finish, then dead-letters what is left. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        try {
            for (Channel channel : channels.values()) {
                channel.awaitIdle(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Channel channel : channels.values()) {
            channel.stop();
        }
    }

    /** One notice on its way through one channel. */
    private static final class Delivery {
        final Notice notice;
        final AtomicBoolean finished = new AtomicBoolean();
        int attempts;
        boolean accepted;

        Delivery(Notice notice) {
            this.notice = notice;
        }
    }

    private final class Channel {
        final Notifier notifier;
        final String name;
        final ScheduledThreadPoolExecutor worker;
        final Set<Delivery> pending = ConcurrentHashMap.newKeySet();
        final ChannelCounters counters = new ChannelCounters();
        final Object idle = new Object();

        Channel(Notifier notifier) {
            this.notifier = notifier;
            this.name = notifier.channel();
            this.worker = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "kawamori-notify-" + name);
                t.setDaemon(true);
                return t;
            });
            this.worker.setRemoveOnCancelPolicy(true);
        }

        void offer(Notice notice) {
            Delivery delivery = new Delivery(notice);
            synchronized (idle) {
                if (pending.size() >= config.queueCapacity()) {
                    delivery.finished.set(true);
                    counters.deadLettered.incrementAndGet();
                    record(delivery, "queue full (" + config.queueCapacity() + " notices)");
                    return;
                }
                pending.add(delivery);
                counters.pending.incrementAndGet();
            }
            run(delivery, Duration.ZERO);
        }

        private void run(Delivery delivery, Duration delay) {
            try {
                worker.schedule(() -> attempt(delivery), delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                deadLetter(delivery, "dispatcher closed before delivery");
            }
        }

        private void attempt(Delivery delivery) {
            if (delivery.finished.get()) {
                return;
            }
            Notice notice = delivery.notice;
            delivery.attempts++;
            try {
                if (!delivery.accepted) {
                    if (!notifier.accepts(notice)) {
                        if (finish(delivery)) {
                            counters.skipped.incrementAndGet();
                        }
                        return;
                    }
                    delivery.accepted = true;
                }
                notifier.deliver(notice);
                if (finish(delivery)) {
                    counters.delivered.incrementAndGet();
                    LOG.debug("notice {} delivered on {} (attempt {})", notice.key(), name, delivery.attempts);
                }
            } catch (DeliveryException e) {
                failed(delivery, e.getMessage(), e.retryable(), e);
            } catch (RuntimeException e) {
                // a channel's own bug: its message might hold anything, so only its class is kept
                failed(delivery, "channel error " + e.getClass().getName(), true, e);
            }
        }

        private void failed(Delivery delivery, String message, boolean retryable, Throwable failure) {
            counters.failed.incrementAndGet();
            String reason = message == null ? failure.getClass().getSimpleName() : message;
            if (!retryable) {
                deadLetter(delivery, "refused: " + reason);
            } else if (delivery.attempts >= config.attempts()) {
                deadLetter(delivery, "gave up after " + delivery.attempts + " attempts: " + reason);
            } else if (closed.get() && Thread.currentThread().isInterrupted()) {
                deadLetter(delivery, "dispatcher closed before delivery: " + reason);
            } else {
                Duration delay = config.delayAfter(delivery.attempts, RetryAfter.of(failure));
                LOG.info(
                        "notice {} on {}: attempt {} failed, next in {} ms: {}",
                        delivery.notice.key(),
                        name,
                        delivery.attempts,
                        delay.toMillis(),
                        reason);
                run(delivery, delay);
            }
        }

        private void deadLetter(Delivery delivery, String reason) {
            if (!finish(delivery)) {
                return;
            }
            counters.deadLettered.incrementAndGet();
            LOG.warn("notice {} dead-lettered on {}: {}", delivery.notice.key(), name, reason);
            record(delivery, reason);
        }

        private void record(Delivery delivery, String reason) {
            Instant now = clock.instant();
            try {
                deadLetters.record(NoticeDeadLetters.Letter.of(delivery.notice, name, reason, delivery.attempts, now));
            } catch (RuntimeException e) {
                LOG.error(
                        "notice {} on {}: the dead-letter refused it ({})",
                        delivery.notice.key(),
                        name,
                        e.getClass().getName());
            }
        }

        /** Marks the delivery done; false when it already was. */
        private boolean finish(Delivery delivery) {
            if (!delivery.finished.compareAndSet(false, true)) {
                return false;
            }
            synchronized (idle) {
                pending.remove(delivery);
                counters.pending.decrementAndGet();
                idle.notifyAll();
            }
            return true;
        }

        void awaitIdle(long deadline) throws InterruptedException {
            synchronized (idle) {
                long left;
                while (!pending.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                }
            }
        }

        void stop() {
            worker.shutdownNow();
            try {
                if (!worker.awaitTermination(1, TimeUnit.SECONDS)) {
                    LOG.warn("channel {} did not stop within 1 s", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Delivery delivery : Set.copyOf(pending)) {
                deadLetter(delivery, "dispatcher closed before delivery");
            }
            if (notifier instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn(
                            "channel {} did not close cleanly ({})",
                            name,
                            e.getClass().getName());
                }
            }
        }
    }
}
