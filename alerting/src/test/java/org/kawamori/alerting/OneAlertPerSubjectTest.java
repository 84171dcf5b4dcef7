package org.kawamori.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.alerting.fixtures.Basin.givenBasin;
import static org.kawamori.alerting.fixtures.NoticeLines.lines;
import static org.kawamori.alerting.fixtures.StationFixtures.givenGauge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.Basin;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertRecord;

class OneAlertPerSubjectTest {

    @Test
    void two_readings_one_millisecond_apart_open_one_alert() {
        Basin basin = givenBasin().with(givenGauge("kunikane").withStages(1.5, 2.6, 3.3, 4.0, 4.8));
        Sensor gauge = basin.sensor("kunikane");
        Instant t = basin.now();

        Evaluation first = basin.engine().onReadings(gauge, List.of(basin.reading("kunikane", t, 2.70)));
        Evaluation second = basin.engine().onReadings(gauge, List.of(basin.reading("kunikane", t.plusMillis(1), 2.71)));

        assertThat(lines(first.notices()))
                .containsExactly(
                        "Officers 282103 | alert-1-1 | OPENED | stage 2", "Public | alert-1-1 | OPENED | stage 2");
        assertThat(second.changes()).isEmpty();
        assertThat(basin.store().allAlerts()).hasSize(1);
    }

    @Test
    void both_readings_in_one_batch_open_one_alert() {
        Basin basin = givenBasin().with(givenGauge("kunikane").withStages(1.5, 2.6, 3.3, 4.0, 4.8));
        Instant t = basin.now();

        Evaluation both = basin.engine()
                .onReadings(
                        basin.sensor("kunikane"),
                        List.of(basin.reading("kunikane", t.plusMillis(1), 2.71), basin.reading("kunikane", t, 2.70)));

        assertThat(both.changes()).hasSize(1);
    }

    @Test
    void the_same_reading_delivered_again_changes_nothing() {
        Basin basin = givenBasin().with(givenGauge("kunikane").withStages(1.5, 2.6, 3.3, 4.0, 4.8));
        Reading reading = basin.reading("kunikane", basin.now(), 2.70);

        basin.engine().onReadings(basin.sensor("kunikane"), List.of(reading));

        assertThat(basin.engine()
                        .onReadings(basin.sensor("kunikane"), List.of(reading))
                        .changes())
                .isEmpty();
    }

    @Test
    void two_threads_evaluating_many_gauges_at_once_open_exactly_one_alert_per_gauge() throws Exception {
        int gauges = 300;
        Basin basin = givenBasin();
        IntStream.range(0, gauges).forEach(i -> basin.with(givenGauge("g-" + i).withStages(1.5, 2.6, 3.3, 4.0, 4.8)));
        AlertEngine engine = basin.engine();
        Instant t = basin.now();
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        for (long offsetMillis : new long[] {0, 1}) {
            threads.submit(() -> {
                try {
                    start.await();
                    for (int i = 0; i < gauges; i++) {
                        Sensor gauge = basin.sensor("g-" + i);
                        Reading reading =
                                basin.reading("g-" + i, t.plusMillis(offsetMillis), 2.70 + offsetMillis / 100.0);
                        engine.onReadings(gauge, List.of(reading));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
                return null;
            });
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        Map<String, Long> alertsPerGauge = basin.store().allAlerts().stream()
                .collect(Collectors.groupingBy(a -> a.alert().subject(), Collectors.counting()));
        assertThat(alertsPerGauge).hasSize(gauges).allSatisfy((gauge, count) -> assertThat(count)
                .isEqualTo(1));
        assertThat(basin.store().allAlerts())
                .extracting(AlertRecord::id)
                .doesNotHaveDuplicates()
                .hasSize(gauges);
        assertThat(engine.activeAlerts().stream().collect(Collectors.toMap(a -> a.id(), Function.identity())))
                .hasSize(gauges);
    }
}
