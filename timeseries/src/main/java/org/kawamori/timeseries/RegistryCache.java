package org.kawamori.timeseries;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Answers of registry lookups kept in memory, absent answers included (an unknown device that keeps
 * sending costs the database nothing). Filled on demand, emptied by {@link RegistryChanges} whenever
 * the table changes, and bypassed while changes cannot be heard. At most {@code maxEntries} answers
 * are kept; when full, it starts over empty (registries change rarely and refill at the rate of
 * traffic).
 */
public final class RegistryCache<K, V> {

    private final String table;
    private final int maxEntries;
    private final BooleanSupplier trustworthy;
    private final Map<K, V> answers = new ConcurrentHashMap<>();
    private final AtomicLong emptyings = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    RegistryCache(String table, int maxEntries, BooleanSupplier trustworthy) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.table = Objects.requireNonNull(table, "table");
        this.maxEntries = maxEntries;
        this.trustworthy = Objects.requireNonNull(trustworthy, "trustworthy");
    }

    /** The kept answer for {@code key}, or {@code load}'s, kept unless the table changed meanwhile. */
    public V get(K key, Function<K, V> load) {
        V kept = kept(key);
        if (kept != null) {
            hits.increment();
            return kept;
        }
        misses.increment();
        long before = epoch();
        V loaded = Objects.requireNonNull(load.apply(key), "a lookup answers absent with a value, not null");
        keep(before, key, loaded);
        return loaded;
    }

    /** The kept answer for {@code key}, if there is one and the cache may be used. */
    V kept(K key) {
        return trustworthy.getAsBoolean() ? answers.get(key) : null;
    }

    /** The count of emptyings, taken before a lookup done outside {@link #get} and passed to {@link #keep}. */
    long epoch() {
        return emptyings.get();
    }

    /** Keeps {@code answer} for {@code key} unless the cache was emptied since {@code epoch}. */
    void keep(long epoch, K key, V answer) {
        if (!trustworthy.getAsBoolean()) {
            return;
        }
        if (answers.size() >= maxEntries) {
            invalidateAll();
            return;
        }
        answers.put(key, answer);
        if (emptyings.get() != epoch) {
            // emptied while this answer was looked up or put: it may be older than the change
            answers.remove(key, answer);
        }
    }

    void invalidateAll() {
        emptyings.incrementAndGet();
        answers.clear();
    }

    void countHits(int n) {
        hits.add(n);
    }

    void countMisses(int n) {
        misses.add(n);
    }

    public String table() {
        return table;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public int size() {
        return answers.size();
    }
}
