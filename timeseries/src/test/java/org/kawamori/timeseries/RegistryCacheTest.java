package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the cache keeps answers: never one that a change overtook, never while changes go unheard. */
class RegistryCacheTest {

    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final RegistryCache<String, String> cache = new RegistryCache<>("device", 3, listening::get);
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void anAnswerLookedUpWhileTheTableChangedIsNotKept() {
        String answer = cache.get("gauge-1", id -> {
            loads.incrementAndGet();
            cache.invalidateAll(); // a notification arrives while the lookup runs
            return "old";
        });

        assertThat(answer).isEqualTo("old");
        cache.get("gauge-1", id -> {
            loads.incrementAndGet();
            return "new";
        });
        assertThat(loads).as("the overtaken answer was not kept").hasValue(2);
        assertThat(cache.get("gauge-1", id -> "never")).isEqualTo("new");
    }

    @Test
    void whileChangesAreNotHeardNothingIsKeptAndNothingKeptIsUsed() {
        cache.get("gauge-1", id -> "kept");
        listening.set(false);

        assertThat(cache.get("gauge-1", id -> "fresh")).isEqualTo("fresh");
        assertThat(cache.get("gauge-2", id -> "fresh")).isEqualTo("fresh");
        listening.set(true);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aFullCacheStartsOverInsteadOfGrowing() {
        cache.get("a", id -> "1");
        cache.get("b", id -> "2");
        cache.get("c", id -> "3");

        cache.get("d", id -> "4");

        assertThat(cache.size()).as("bounded by maxEntries").isLessThanOrEqualTo(3);
        assertThat(cache.get("d", id -> "4")).isEqualTo("4");
    }
}
