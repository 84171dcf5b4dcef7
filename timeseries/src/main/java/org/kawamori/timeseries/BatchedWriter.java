package org.kawamori.timeseries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.kawamori.core.Detection;
import org.kawamori.core.Reading;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the rows of many messages into few transactions. A transport thread submits the rows of
 * one message and waits (or is called back) until they are committed; only then may it acknowledge.
 *
 * <pre>
 *  transport threads            writer thread                          PostgreSQL
 *  submit(rows) ──room?──► queue ──► batch (≤ maxBatchRows rows or maxDelay old)
 *     │ wait while full                 │ CopyCommit: COPY, or stage + ON CONFLICT DO NOTHING
 *     │ (queueTimeout, then             ├─ committed ──► complete each message's future (new rows)
 *     │  unavailable)                   ├─ refused ────► fail that message: StoreRefusedException
 *     ▼                                 └─ unavailable ► keep the batch, pause (retryDelay doubling
 *  future ◄──────────────────────────────                 to maxRetryDelay), write it again; a
 *                                                         message older than commitTimeout fails
 *                                                         as StoreUnavailableException
 * </pre>
 *
 * Each statement of the writer runs with {@code statement_timeout} set to the commit timeout, so a
 * database that hangs (a lock held elsewhere, a stalled disk) fails an attempt like one that is
 * down, instead of holding the writer forever.
 *
 * Memory is bounded by {@link WriterConfig#maxQueuedRows()}: a full queue makes submitters wait,
 * which slows ingest down (MQTT stops taking messages, CoAP answers later) instead of dropping or
 * piling up rows. When the database is back, the kept batch is written first and the queue drains
 * by itself. A message that failed is never half stored: it is committed whole or not at all, and
 * the transport's redelivery is absorbed by the idempotent write.
 *
 * @param <T> the row type
 */
public final class BatchedWriter<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedWriter.class);

    private final String name;
    private final CopyCommit<T> commit;
    private final WriterConfig config;
    private final Clock clock;
    private final BlockingQueue<Submission<T>> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Thread thread;
    private volatile boolean closing;

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong freshRows = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong queueFull = new AtomicLong();
    private final AtomicReference<Instant> failingSince = new AtomicReference<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    /** {@code System.nanoTime()} at which the first message of the batch in hand arrived; 0: none. */
    private final AtomicLong inHandSince = new AtomicLong();

    BatchedWriter(String name, CopyCommit<T> commit, WriterConfig config, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.commit = Objects.requireNonNull(commit, "commit");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.room = new Semaphore(config.maxQueuedRows(), true);
        this.thread = new Thread(this::run, "kawamori-writer-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A writer of readings into {@code reading}. As a {@code ReadingStore}: {@code writer::write}. */
    public static BatchedWriter<Reading> readings(DataSource dataSource, WriterConfig config) {
        return new BatchedWriter<>(
                "readings",
                new CopyCommit<>(dataSource, ReadingCopyTarget.INSTANCE, config.commitTimeout()),
                config,
                Clock.systemUTC());
    }

    /** A writer of tag detections into {@code detection}. */
    public static BatchedWriter<Detection> detections(DataSource dataSource, WriterConfig config) {
        return new BatchedWriter<>(
                "detections",
                new CopyCommit<>(dataSource, DetectionCopyTarget.INSTANCE, config.commitTimeout()),
                config,
                Clock.systemUTC());
    }

    /**
     * Queues the rows of one message. Waits up to {@link WriterConfig#queueTimeout()} while the queue
     * is full.
     *
     * @return completes with the number of new rows once they are committed; fails with {@link
     *     StoreUnavailableException} (not committed: do not acknowledge) or {@link
     *     org.kawamori.core.port.StoreRefusedException} (refused for good: dead-letter)
     */
    public CompletableFuture<Integer> submit(Collection<T> message) {
        List<T> copy = List.copyOf(message);
        if (copy.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        if (copy.size() > config.maxQueuedRows()) {
            throw new IllegalArgumentException(
                    "a message of " + copy.size() + " rows exceeds the queue of " + config.maxQueuedRows());
        }
        if (closing) {
            return CompletableFuture.failedFuture(unavailable("the " + name + " writer is closed"));
        }
        try {
            if (!room.tryAcquire(copy.size(), config.queueTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                queueFull.incrementAndGet();
                return CompletableFuture.failedFuture(unavailable("the " + name + " writer's queue stayed full for "
                        + config.queueTimeout().toMillis() + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(unavailable("interrupted while waiting for the " + name + " writer"));
        }
        Submission<T> submission = new Submission<>(copy, clock.instant().plus(config.commitTimeout()));
        submission.future.whenComplete((fresh, failure) -> room.release(copy.size()));
        queue.add(submission);
        if (closing && !thread.isAlive() && queue.remove(submission)) {
            submission.future.completeExceptionally(unavailable("the " + name + " writer is closed"));
        }
        return submission.future;
    }

    /**
     * Writes the rows of one message and returns once they are committed.
     *
     * @return how many were new
     * @throws StoreUnavailableException when they could not be committed in time; none is stored
     * @throws org.kawamori.core.port.StoreRefusedException when the database refuses them; none is
     *     stored
     */
    public int write(Collection<T> message) {
        CompletableFuture<Integer> future = submit(message);
        try {
            return future.get(
                    config.queueTimeout()
                                    .plus(config.commitTimeout())
                                    .plus(config.maxRetryDelay())
                                    .toMillis()
                            + 1_000,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw unavailable("the " + name + " writer failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the " + name + " writer");
        } catch (TimeoutException e) {
            throw unavailable("the " + name + " writer did not answer in time");
        }
    }

    public WriterStats stats() {
        return new WriterStats(
                config.maxQueuedRows() - room.availablePermits(),
                batches.get(),
                rows.get(),
                freshRows.get(),
                failedAttempts.get(),
                refused.get(),
                expired.get(),
                queueFull.get(),
                Optional.ofNullable(failingSince.get()),
                Optional.ofNullable(lastFailure.get()),
                lag());
    }

    /** The wait of the oldest message not committed yet: the batch in hand, else the queue's head. */
    private Duration lag() {
        long since = inHandSince.get();
        if (since == 0) {
            Submission<T> head = queue.peek();
            if (head == null) {
                return Duration.ZERO;
            }
            since = head.arrived;
        }
        return Duration.ofNanos(Math.max(0, System.nanoTime() - since));
    }

    /** Down while writes fail; the detail tells how many rows wait. */
    public HealthIndicator health() {
        return new HealthIndicator() {
            @Override
            public String name() {
                return "writer-" + name;
            }

            @Override
            public Health check() {
                WriterStats stats = stats();
                String queued = stats.queuedRows() + " row(s) queued";
                return stats.failingSince()
                        .map(since -> Health.down("failing since " + since + ": "
                                + stats.lastFailure().orElse("?") + "; " + queued))
                        .orElseGet(() -> Health.up(queued + ", " + stats.batches() + " batch(es) committed"));
            }
        };
    }

    /**
     * Stops taking messages, writes what is queued (waiting at most the commit timeout for the
     * database) and stops the writer thread.
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(config.commitTimeout().plus(config.maxRetryDelay()).toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        Submission<T> left;
        while ((left = queue.poll()) != null) {
            left.future.completeExceptionally(unavailable("the " + name + " writer is closed"));
        }
    }

    private void run() {
        List<Submission<T>> batch = new ArrayList<>();
        long pauseMillis = config.retryDelay().toMillis();
        while (true) {
            try {
                if (!gather(batch)) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                inHandSince.set(batch.get(0).arrived);
                expire(batch);
                if (batch.isEmpty()) {
                    inHandSince.set(0);
                    continue;
                }
                if (attempt(batch)) {
                    batch.clear();
                    inHandSince.set(0);
                    pauseMillis = config.retryDelay().toMillis();
                } else {
                    Thread.sleep(pauseMillis);
                    pauseMillis =
                            Math.min(pauseMillis * 2, config.maxRetryDelay().toMillis());
                }
            } catch (InterruptedException e) {
                batch.forEach(s -> s.future.completeExceptionally(unavailable("the " + name + " writer stopped")));
                return;
            } catch (RuntimeException e) {
                LOG.error("the {} writer failed a batch of {} message(s): {}", name, batch.size(), e.toString());
                batch.forEach(s -> s.future.completeExceptionally(e));
                batch.clear();
                inHandSince.set(0);
            }
        }
    }

    /**
     * Adds queued messages to the batch until it holds {@code maxBatchRows} rows or its first message
     * is {@code maxDelay} old.
     *
     * @return whether the batch holds anything
     */
    private boolean gather(List<Submission<T>> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            Submission<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
            if (first == null) {
                return false;
            }
            batch.add(first);
        }
        int size = batch.stream().mapToInt(s -> s.rows.size()).sum();
        long deadline = System.nanoTime() + config.maxDelay().toNanos();
        while (size < config.maxBatchRows()) {
            Submission<T> next = queue.poll();
            if (next == null) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0 || closing) {
                    break;
                }
                next = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            batch.add(next);
            size += next.rows.size();
        }
        return true;
    }

    private void expire(List<Submission<T>> batch) {
        Instant now = clock.instant();
        batch.removeIf(s -> {
            if (now.isBefore(s.deadline)) {
                return false;
            }
            expired.incrementAndGet();
            s.future.completeExceptionally(
                    unavailable("not committed within " + config.commitTimeout().toMillis() + " ms: "
                            + Optional.ofNullable(lastFailure.get()).orElse("the database is slow")));
            return true;
        });
    }

    /** @return whether the batch is done (committed or refused); false: keep it and try again */
    private boolean attempt(List<Submission<T>> batch) {
        List<List<T>> messages = batch.stream().map(s -> s.rows).toList();
        List<CopyCommit.Outcome> outcomes;
        try {
            outcomes = commit.commit(messages);
        } catch (StoreUnavailableException e) {
            failedAttempts.incrementAndGet();
            lastFailure.set(e.getMessage());
            if (failingSince.compareAndSet(null, clock.instant())) {
                LOG.warn(
                        "the {} writer cannot write, keeping {} message(s) and retrying: {}",
                        name,
                        batch.size(),
                        e.getMessage());
            }
            return false;
        }
        Instant since = failingSince.getAndSet(null);
        if (since != null) {
            LOG.info("the {} writer writes again (failing since {})", name, since);
        }
        batches.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            CopyCommit.Outcome outcome = outcomes.get(i);
            Submission<T> submission = batch.get(i);
            if (outcome.refused()) {
                refused.incrementAndGet();
                submission.future.completeExceptionally(outcome.refusal());
            } else {
                rows.addAndGet(submission.rows.size());
                freshRows.addAndGet(outcome.fresh());
                submission.future.complete(outcome.fresh());
            }
        }
        return true;
    }

    private static StoreUnavailableException unavailable(String message) {
        return new StoreUnavailableException(message, null);
    }

    private static final class Submission<T> {
        final List<T> rows;
        final Instant deadline;
        final long arrived = System.nanoTime();
        final CompletableFuture<Integer> future = new CompletableFuture<>();

        Submission(List<T> rows, Instant deadline) {
            this.rows = rows;
            this.deadline = deadline;
        }
    }
}
