package org.kawamori.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.NoticeDeadLetters.Letter;
import org.kawamori.core.alert.Notifier.DeliveryException;
import org.kawamori.notify.fixtures.InMemoryNoticeDeadLetters;
import org.kawamori.notify.fixtures.Notices;
import org.kawamori.notify.fixtures.ScriptedNotifier;

/** The dispatcher with scripted channels on its real worker threads. */
class NoticeDispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final DispatcherConfig FAST = DispatcherConfig.defaults()
            .withRetries(4, Duration.ofMillis(20), Duration.ofMillis(200))
            .withDrainTimeout(Duration.ofSeconds(5));

    private final InMemoryNoticeDeadLetters deadLetters = new InMemoryNoticeDeadLetters();
    private final List<ScriptedNotifier> toRelease = new ArrayList<>();
    private NoticeDispatcher dispatcher;

    @AfterEach
    void closeDispatcher() {
        toRelease.forEach(ScriptedNotifier::release);
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private NoticeDispatcher dispatcher(DispatcherConfig config, ScriptedNotifier... channels) {
        dispatcher = new NoticeDispatcher(List.of(channels), deadLetters, config);
        return dispatcher;
    }

    @Test
    void a_hanging_channel_does_not_hold_up_the_others() throws Exception {
        ScriptedNotifier stuck = new ScriptedNotifier("stuck").thenHang();
        toRelease.add(stuck);
        ScriptedNotifier healthy = new ScriptedNotifier("healthy");
        dispatcher(FAST, stuck, healthy);

        for (int i = 0; i < 50; i++) {
            dispatcher.publish(Notices.flood());
        }

        assertThat(stuck.awaitHanging(WAIT)).isTrue();
        assertThat(healthy.awaitDelivered(50, WAIT)).isTrue();
        await().atMost(WAIT).until(() -> dispatcher.counters("healthy").delivered() == 50);
        assertThat(dispatcher.counters("stuck").delivered()).isZero();
        assertThat(dispatcher.counters("stuck").pending()).isEqualTo(50);
    }

    @Test
    void publish_returns_at_once_even_while_every_channel_hangs() throws Exception {
        ScriptedNotifier stuck = new ScriptedNotifier("stuck").thenHang();
        toRelease.add(stuck);
        dispatcher(FAST, stuck);
        dispatcher.publish(Notices.flood());
        assertThat(stuck.awaitHanging(WAIT)).isTrue();

        long start = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            dispatcher.publish(Notices.flood());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(dispatcher.counters("stuck").pending()).isEqualTo(1_001);
    }

    @Test
    void a_retryable_failure_is_retried_with_doubling_pauses_until_it_succeeds() throws Exception {
        ScriptedNotifier flaky = new ScriptedNotifier("flaky").alwaysFail("HTTP 503", true, 3);
        dispatcher(FAST, flaky);
        Notice notice = Notices.flood();

        dispatcher.publish(notice);

        assertThat(flaky.awaitDelivered(1, WAIT)).isTrue();
        List<Long> at = flaky.attemptNanos();
        assertThat(at).hasSize(4);
        assertThat(gapMillis(at, 0)).isGreaterThanOrEqualTo(20);
        assertThat(gapMillis(at, 1)).isGreaterThanOrEqualTo(40);
        assertThat(gapMillis(at, 2)).isGreaterThanOrEqualTo(80);
        assertThat(flaky.delivered()).containsExactly(notice.key());
        ChannelCounters counters = dispatcher.counters("flaky");
        // the channel counts a delivery once deliver returned, a moment after the notifier saw it
        await().atMost(WAIT).until(() -> counters.delivered() == 1);
        assertThat(counters.failed()).isEqualTo(3);
        assertThat(counters.deadLettered()).isZero();
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void after_the_last_attempt_the_notice_is_dead_lettered_with_channel_and_reason() throws Exception {
        ScriptedNotifier down = new ScriptedNotifier("down").alwaysFail("connection refused", true, 10);
        dispatcher(FAST, down);
        Notice notice = Notices.gatePass("fam-a");

        dispatcher.publish(notice);

        assertThat(deadLetters.await(1, WAIT)).isTrue();
        Letter letter = deadLetters.letters().get(0);
        assertThat(letter.key()).isEqualTo(notice.key());
        assertThat(letter.alertId()).isEqualTo(notice.alertId());
        assertThat(letter.channel()).isEqualTo("down");
        assertThat(letter.attempts()).isEqualTo(4);
        assertThat(letter.reason()).isEqualTo("gave up after 4 attempts: connection refused");
        assertThat(down.attemptNanos()).hasSize(4);
        assertThat(dispatcher.counters("down").deadLettered()).isEqualTo(1);
        assertThat(dispatcher.counters("down").failed()).isEqualTo(4);
        assertThat(dispatcher.counters("down").pending()).isZero();
    }

    @Test
    void a_refusal_is_dead_lettered_at_once_without_a_retry() throws Exception {
        ScriptedNotifier refusing = new ScriptedNotifier("refusing").thenFail("HTTP 400", false);
        dispatcher(FAST, refusing);

        dispatcher.publish(Notices.flood());

        assertThat(deadLetters.await(1, WAIT)).isTrue();
        assertThat(deadLetters.letters().get(0).reason()).isEqualTo("refused: HTTP 400");
        assertThat(deadLetters.letters().get(0).attempts()).isEqualTo(1);
        assertThat(refusing.attemptNanos()).hasSize(1);
    }

    @Test
    void a_retry_waits_at_least_as_long_as_the_receiver_asked() throws Exception {
        ScriptedNotifier busy = new ScriptedNotifier("busy").then(n -> {
            throw new DeliveryException("HTTP 429", true, new RetryAfter(Duration.ofMillis(400)));
        });
        dispatcher(FAST.withRetries(3, Duration.ofMillis(10), Duration.ofSeconds(1)), busy);

        dispatcher.publish(Notices.flood());

        assertThat(busy.awaitDelivered(1, WAIT)).isTrue();
        assertThat(gapMillis(busy.attemptNanos(), 0)).isGreaterThanOrEqualTo(400);
    }

    @Test
    void only_the_channels_that_accept_a_notice_get_it() throws Exception {
        ScriptedNotifier officersOnly =
                new ScriptedNotifier("officers-only", n -> n.rule().equals("river-stage"));
        ScriptedNotifier all = new ScriptedNotifier("all");
        dispatcher(FAST, officersOnly, all);
        Notice flood = Notices.flood();
        Notice gatePass = Notices.gatePass("fam-a");

        dispatcher.publish(gatePass);
        dispatcher.publish(flood);

        assertThat(all.awaitDelivered(2, WAIT)).isTrue();
        assertThat(officersOnly.awaitDelivered(1, WAIT)).isTrue();
        assertThat(officersOnly.delivered()).containsExactly(flood.key());
        assertThat(dispatcher.counters("officers-only").skipped()).isEqualTo(1);
    }

    @Test
    void a_full_queue_dead_letters_the_notice_for_that_channel_only() throws Exception {
        ScriptedNotifier stuck = new ScriptedNotifier("stuck").thenHang();
        toRelease.add(stuck);
        ScriptedNotifier healthy = new ScriptedNotifier("healthy");
        dispatcher(FAST.withQueueCapacity(2), stuck, healthy);
        Notice first = Notices.flood();
        dispatcher.publish(first);
        assertThat(stuck.awaitHanging(WAIT)).isTrue();
        assertThat(healthy.awaitDelivered(1, WAIT)).isTrue();
        await().atMost(WAIT).until(() -> dispatcher.counters("healthy").pending() == 0);

        Notice second = Notices.flood();
        Notice third = Notices.flood();
        dispatcher.publish(second);
        dispatcher.publish(third);

        assertThat(healthy.awaitDelivered(2, WAIT)).isTrue();
        assertThat(deadLetters.await(1, WAIT)).isTrue();
        assertThat(deadLetters.letters()).singleElement().satisfies(l -> {
            assertThat(l.key()).isEqualTo(third.key());
            assertThat(l.channel()).isEqualTo("stuck");
            assertThat(l.reason()).isEqualTo("queue full (2 notices)");
            assertThat(l.attempts()).isZero();
        });
        assertThat(dispatcher.counters("stuck").pending()).isEqualTo(2);
    }

    @Test
    void close_waits_for_the_channels_then_dead_letters_what_is_left() throws Exception {
        ScriptedNotifier stuck = new ScriptedNotifier("stuck").thenHang();
        ScriptedNotifier slowButFine = new ScriptedNotifier("fine");
        dispatcher(FAST.withDrainTimeout(Duration.ofMillis(300)), stuck, slowButFine);
        Notice hanging = Notices.flood();
        Notice queued = Notices.flood();
        dispatcher.publish(hanging);
        dispatcher.publish(queued);
        assertThat(stuck.awaitHanging(WAIT)).isTrue();

        long start = System.nanoTime();
        dispatcher.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(slowButFine.delivered()).containsExactly(hanging.key(), queued.key());
        assertThat(deadLetters.letters())
                .extracting(Letter::key, Letter::channel)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(hanging.key(), "stuck"),
                        org.assertj.core.groups.Tuple.tuple(queued.key(), "stuck"));
        assertThat(deadLetters.letters()).allSatisfy(l -> assertThat(l.reason()).startsWith("dispatcher closed"));
        assertThat(dispatcher.counters("stuck").deadLettered()).isEqualTo(2);
        assertThat(dispatcher.counters("stuck").pending()).isZero();
        assertThatThrownBy(() -> dispatcher.publish(Notices.flood())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_delivers_what_is_queued_when_the_channels_keep_up() throws Exception {
        ScriptedNotifier fine = new ScriptedNotifier("fine");
        dispatcher(FAST, fine);
        for (int i = 0; i < 200; i++) {
            dispatcher.publish(Notices.flood());
        }

        dispatcher.close();

        assertThat(fine.delivered()).hasSize(200);
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void the_pause_doubles_up_to_the_maximum_and_honours_retry_after_up_to_the_maximum() {
        DispatcherConfig config =
                DispatcherConfig.defaults().withRetries(10, Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(config.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.delayAfter(5, Optional.empty())).isEqualTo(Duration.ofSeconds(16));
        assertThat(config.delayAfter(6, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.delayAfter(60, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.delayAfter(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.delayAfter(5, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(16));
        assertThat(config.delayAfter(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void settings_are_read_from_their_keys_and_default_when_missing() {
        DispatcherConfig read = DispatcherConfig.from(ConfigValues.of(java.util.Map.of(
                DispatcherConfig.ATTEMPTS, "3",
                DispatcherConfig.FIRST_DELAY, "250ms",
                DispatcherConfig.MAX_DELAY, "PT1M")));

        assertThat(read.attempts()).isEqualTo(3);
        assertThat(read.firstDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(read.maxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(read.queueCapacity()).isEqualTo(DispatcherConfig.DEFAULT_QUEUE_CAPACITY);
        assertThatThrownBy(
                        () -> DispatcherConfig.from(ConfigValues.of(java.util.Map.of(DispatcherConfig.ATTEMPTS, "0"))))
                .hasMessageContaining(DispatcherConfig.ATTEMPTS);
        assertThatThrownBy(() ->
                        DispatcherConfig.from(ConfigValues.of(java.util.Map.of(DispatcherConfig.MAX_DELAY, "soon"))))
                .hasMessageContaining(DispatcherConfig.MAX_DELAY);
    }

    private static long gapMillis(List<Long> nanos, int i) {
        return TimeUnit.NANOSECONDS.toMillis(nanos.get(i + 1) - nanos.get(i));
    }
}
