package org.kawamori.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {

    private static final Instant T0 = Instant.parse("2026-07-03T00:00:00Z");

    private final Series hour = new Series(Duration.ofMinutes(60), 2);

    @Test
    void it_keeps_the_last_hour_and_the_value_before_it() {
        for (int k = 0; k < 30; k++) {
            hour.add(T0.plus(Duration.ofMinutes(10L * k)), k);
        }

        // the newest is at 290 min; the horizon is 230 min: 240..290 within, and 230 as the one before
        assertThat(values(hour)).containsExactly(29.0, 28.0, 27.0, 26.0, 25.0, 24.0, 23.0);
        assertThat(hour.lowestSince(T0.plus(Duration.ofMinutes(250)))).hasValue(25.0);
    }

    @Test
    void a_series_keeps_at_least_its_minimum_however_old() {
        Series dry = new Series(Duration.ofMinutes(10), 3);
        for (int k = 0; k < 6; k++) {
            dry.add(T0.plus(Duration.ofHours(k)), k);
        }

        assertThat(values(dry)).containsExactly(5.0, 4.0, 3.0);
    }

    @Test
    void a_copy_changed_afterwards_leaves_the_original_as_it_was() {
        add(hour, 1.0, 1.1, 1.2);

        Series draft = hour.copy();
        draft.add(T0.plus(Duration.ofMinutes(30)), 1.5);

        assertThat(values(hour)).containsExactly(1.2, 1.1, 1.0);
        assertThat(values(draft)).containsExactly(1.5, 1.2, 1.1, 1.0);
    }

    @Test
    void after_a_dropped_copy_the_next_copy_holds_none_of_its_values() {
        add(hour, 1.0, 1.1, 1.2);
        hour.copy().add(T0.plus(Duration.ofMinutes(30)), 9.9); // the store failed: the draft is dropped

        Series next = hour.copy();
        next.add(T0.plus(Duration.ofMinutes(30)), 1.3);

        assertThat(values(next)).containsExactly(1.3, 1.2, 1.1, 1.0);
        assertThat(next.lowestSince(T0)).hasValue(1.0);
        assertThat(values(hour)).containsExactly(1.2, 1.1, 1.0);
    }

    @Test
    void a_copy_that_outgrows_the_shared_storage_leaves_the_original_as_it_was() {
        add(hour, 1.0, 1.1);

        Series draft = hour.copy();
        for (int k = 2; k < 200; k++) {
            draft.add(T0.plus(Duration.ofSeconds(k)), k);
        }

        assertThat(values(hour)).containsExactly(1.1, 1.0);
        assertThat(values(draft)).hasSize(200).startsWith(199.0, 198.0).endsWith(1.1, 1.0);
    }

    @Test
    void below_since_and_count_below_read_the_newest_run() {
        add(hour, 2.0, 0.4, 0.3, 0.2);

        assertThat(hour.belowSince(0.5)).hasValue(T0.plus(Duration.ofMinutes(10)));
        assertThat(hour.countBelow(0.5)).isEqualTo(3);
        assertThat(hour.belowSince(0.1)).isEmpty();
    }

    /** Adds values ten minutes apart from T0. */
    private static void add(Series series, double... values) {
        for (int k = 0; k < values.length; k++) {
            series.add(T0.plus(Duration.ofMinutes(10L * k)), values[k]);
        }
    }

    private static List<Double> values(Series series) {
        List<Double> values = new ArrayList<>();
        for (Iterator<Series.Sample> it = series.newestFirst(); it.hasNext(); ) {
            values.add(it.next().value());
        }
        return values;
    }
}
