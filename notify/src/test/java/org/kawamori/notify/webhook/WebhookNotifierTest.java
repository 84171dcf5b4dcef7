package org.kawamori.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kawamori.notify.fixtures.WebhookReceiver.Answer.BAD_REQUEST;
import static org.kawamori.notify.fixtures.WebhookReceiver.Answer.OK;
import static org.kawamori.notify.fixtures.WebhookReceiver.Answer.SERVER_ERROR;
import static org.kawamori.notify.fixtures.WebhookReceiver.Answer.TAKE_AND_HANG;
import static org.kawamori.notify.fixtures.WebhookReceiver.Answer.TOO_MANY_REQUESTS;
import static org.kawamori.notify.fixtures.WebhookReceiver.Answer.UNAVAILABLE;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.NoticeDeadLetters.Letter;
import org.kawamori.core.alert.Notifier.DeliveryException;
import org.kawamori.notify.DispatcherConfig;
import org.kawamori.notify.NoticeDispatcher;
import org.kawamori.notify.NoticeJson;
import org.kawamori.notify.RetryAfter;
import org.kawamori.notify.fixtures.FreePorts;
import org.kawamori.notify.fixtures.InMemoryNoticeDeadLetters;
import org.kawamori.notify.fixtures.Notices;
import org.kawamori.notify.fixtures.WebhookReceiver;
import org.kawamori.notify.fixtures.WebhookReceiver.Answer;

/** The webhook channel against real HTTP receivers (com.sun.net.httpserver) through the dispatcher. */
class WebhookNotifierTest {

    private static final String SECRET = "whsec-test-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final WebhookConfig CONFIG =
            WebhookConfig.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400));
    private static final DispatcherConfig RETRIES = DispatcherConfig.defaults()
            .withRetries(6, Duration.ofMillis(20), Duration.ofSeconds(2))
            .withDrainTimeout(Duration.ofSeconds(5));

    private final InMemoryNoticeDeadLetters deadLetters = new InMemoryNoticeDeadLetters();
    private final java.util.Deque<AutoCloseable> toClose = new java.util.ArrayDeque<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private WebhookReceiver receiver(Answer afterScript, Answer... script) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(SECRET, afterScript, script);
        toClose.push(receiver);
        return receiver;
    }

    private NoticeDispatcher dispatcher(DispatcherConfig config, WebhookSubscription... subscriptions) {
        NoticeDispatcher dispatcher = new NoticeDispatcher(
                List.of(new WebhookNotifier(WebhookSubscriptions.of(List.of(subscriptions)), CONFIG)),
                deadLetters,
                config);
        toClose.push(dispatcher);
        return dispatcher;
    }

    private static WebhookSubscription officersHook(String id, WebhookReceiver receiver) {
        return new WebhookSubscription(id, Notices.officers(), receiver.url(), SECRET);
    }

    @Test
    void a_receiver_that_fails_then_recovers_takes_every_notice_exactly_once() throws Exception {
        WebhookReceiver receiver = receiver(OK, SERVER_ERROR, TAKE_AND_HANG, TOO_MANY_REQUESTS);
        NoticeDispatcher dispatcher = dispatcher(RETRIES, officersHook("kakogawa-desk", receiver));
        List<Notice> notices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            notices.add(Notices.flood());
        }

        notices.forEach(dispatcher::publish);

        assertThat(receiver.awaitTaken(5, WAIT)).isTrue();
        await().atMost(WAIT).until(() -> dispatcher.counters("webhook").delivered() == 5);
        assertThat(receiver.taken())
                .containsOnlyKeys(notices.stream().map(Notice::key).toList())
                .allSatisfy((key, times) -> assertThat(times).isEqualTo(1));
        assertThat(receiver.posts()).isEqualTo(5 + 3);
        assertThat(receiver.answered()).containsSubsequence(SERVER_ERROR, TAKE_AND_HANG, TOO_MANY_REQUESTS, OK);
        assertThat(receiver.badSignatures()).isZero();
        for (Notice notice : notices) {
            assertThat(receiver.body(notice.key())).isEqualTo(NoticeJson.string(notice));
        }
        assertThat(dispatcher.counters("webhook").failed()).isEqualTo(3);
        assertThat(dispatcher.counters("webhook").deadLettered()).isZero();
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void a_receiver_that_answers_400_gets_no_retry_and_the_notice_is_dead_lettered() throws Exception {
        WebhookReceiver receiver = receiver(BAD_REQUEST);
        NoticeDispatcher dispatcher = dispatcher(RETRIES, officersHook("kakogawa-desk", receiver));
        Notice notice = Notices.flood();

        dispatcher.publish(notice);

        assertThat(deadLetters.await(1, WAIT)).isTrue();
        Letter letter = deadLetters.letters().get(0);
        assertThat(letter.key()).isEqualTo(notice.key());
        assertThat(letter.channel()).isEqualTo("webhook");
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(letter.reason()).isEqualTo("refused: 1 of 1 subscribers refused: kakogawa-desk: HTTP 400");
        assertThat(receiver.posts()).isEqualTo(1);
        assertThat(receiver.taken()).isEmpty();
    }

    @Test
    void after_the_last_retryable_failure_the_notice_is_dead_lettered() throws Exception {
        WebhookReceiver receiver = receiver(UNAVAILABLE);
        NoticeDispatcher dispatcher = dispatcher(
                RETRIES.withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50)),
                officersHook("kakogawa-desk", receiver));

        dispatcher.publish(Notices.flood());

        assertThat(deadLetters.await(1, WAIT)).isTrue();
        assertThat(deadLetters.letters().get(0).reason())
                .isEqualTo("gave up after 3 attempts: 1 of 1 subscribers to try again: kakogawa-desk: HTTP 503");
        assertThat(deadLetters.letters().get(0).attempts()).isEqualTo(3);
        assertThat(receiver.posts()).isEqualTo(3);
        assertThat(dispatcher.counters("webhook").failed()).isEqualTo(3);
        assertThat(dispatcher.counters("webhook").deadLettered()).isEqualTo(1);
    }

    @Test
    void a_retry_after_429_waits_as_long_as_the_receiver_asked() throws Exception {
        WebhookReceiver receiver = receiver(OK, TOO_MANY_REQUESTS);
        NoticeDispatcher dispatcher = dispatcher(RETRIES, officersHook("kakogawa-desk", receiver));

        dispatcher.publish(Notices.flood());

        assertThat(receiver.awaitTaken(1, WAIT)).isTrue();
        List<Long> at = receiver.postNanos();
        assertThat(at).hasSize(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void a_family_notice_goes_to_that_familys_webhooks_only() throws Exception {
        WebhookReceiver familyA = receiver(OK);
        WebhookReceiver familyB = receiver(OK);
        WebhookReceiver officers = receiver(OK);
        NoticeDispatcher dispatcher = dispatcher(
                RETRIES,
                new WebhookSubscription("fam-a-phone", Notices.family("fam-a"), familyA.url(), SECRET),
                new WebhookSubscription("fam-b-phone", Notices.family("fam-b"), familyB.url(), SECRET),
                officersHook("kakogawa-desk", officers));
        Notice notice = Notices.gatePass("fam-a");

        dispatcher.publish(notice);

        assertThat(familyA.awaitTaken(1, WAIT)).isTrue();
        await().atMost(WAIT).until(() -> dispatcher.counters("webhook").delivered() == 1);
        assertThat(familyA.taken()).containsOnlyKeys(notice.key());
        assertThat(familyB.posts()).isZero();
        assertThat(officers.posts()).isZero();
    }

    @Test
    void a_lookup_that_returns_another_familys_webhook_is_not_followed() throws Exception {
        WebhookReceiver familyB = receiver(OK);
        WebhookSubscription ofB =
                new WebhookSubscription("fam-b-phone", Notices.family("fam-b"), familyB.url(), SECRET);
        WebhookNotifier notifier = new WebhookNotifier(audience -> List.of(ofB), CONFIG);
        Notice forA = Notices.gatePass("fam-a");

        assertThat(notifier.accepts(forA)).isFalse();
        notifier.deliver(forA);

        assertThat(familyB.posts()).isZero();
    }

    @Test
    void a_retry_goes_only_to_the_webhooks_that_have_not_taken_the_notice() throws Exception {
        WebhookReceiver steady = receiver(OK);
        WebhookReceiver flaky = receiver(OK, SERVER_ERROR);
        NoticeDispatcher dispatcher = dispatcher(RETRIES, officersHook("steady", steady), officersHook("flaky", flaky));

        dispatcher.publish(Notices.flood());

        assertThat(flaky.awaitTaken(1, WAIT)).isTrue();
        await().atMost(WAIT).until(() -> dispatcher.counters("webhook").delivered() == 1);
        assertThat(steady.posts()).isEqualTo(1);
        assertThat(flaky.posts()).isEqualTo(2);
    }

    @Test
    void nobody_listening_is_a_retryable_failure() {
        URI closed = URI.create("http://127.0.0.1:" + FreePorts.tcp() + "/hook");
        WebhookNotifier notifier = new WebhookNotifier(
                WebhookSubscriptions.of(List.of(new WebhookSubscription("gone", Notices.officers(), closed, SECRET))),
                CONFIG);

        assertThatThrownBy(() -> notifier.deliver(Notices.flood()))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("1 of 1 subscribers to try again: gone: connection refused");
                });
    }

    @Test
    void the_signature_covers_timestamp_and_body_and_expires() {
        byte[] body = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2026-07-01T00:00:00Z");
        String header = WebhookSignature.sign(SECRET, now.getEpochSecond(), body);
        Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;

        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(header, SECRET, body, now.plusSeconds(30), tolerance))
                .isTrue();
        assertThat(WebhookSignature.verify(
                        header, SECRET, "{\"v\":2}".getBytes(StandardCharsets.UTF_8), now, tolerance))
                .isFalse();
        assertThat(WebhookSignature.verify(header, "another-secret-0123456789", body, now, tolerance))
                .isFalse();
        assertThat(WebhookSignature.verify(header, SECRET, body, now.plus(Duration.ofMinutes(6)), tolerance))
                .isFalse();
        String otherTime = header.replace("t=" + now.getEpochSecond(), "t=" + (now.getEpochSecond() + 1));
        assertThat(WebhookSignature.verify(otherTime, SECRET, body, now, tolerance))
                .isFalse();
        String rotating = header + ",v1=" + "0".repeat(64);
        assertThat(WebhookSignature.verify(rotating, SECRET, body, now, tolerance))
                .isTrue();
        assertThat(WebhookSignature.verify(null, SECRET, body, now, tolerance)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void a_2xx_answer_is_delivered(int status) {
        assertThat(WebhookNotifier.classify(status, Optional.empty(), Instant.now()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void a_408_429_or_5xx_answer_is_retryable(int status) {
        assertThat(WebhookNotifier.classify(status, Optional.empty(), Instant.now()))
                .hasValueSatisfying(e -> assertThat(e.retryable()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 400, 401, 403, 404, 410, 422})
    void any_other_answer_is_a_refusal_for_good(int status) {
        assertThat(WebhookNotifier.classify(status, Optional.empty(), Instant.now()))
                .hasValueSatisfying(e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        Instant now = Instant.parse("2026-07-01T00:00:00Z");
        assertThat(WebhookNotifier.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
        assertThat(WebhookNotifier.parseRetryAfter("Wed, 01 Jul 2026 00:00:30 GMT", now))
                .contains(Duration.ofSeconds(30));
        assertThat(WebhookNotifier.parseRetryAfter("Tue, 30 Jun 2026 00:00:00 GMT", now))
                .contains(Duration.ZERO);
        assertThat(WebhookNotifier.parseRetryAfter("soon", now)).isEmpty();
        assertThat(WebhookNotifier.classify(503, Optional.of("7"), now).flatMap(RetryAfter::of))
                .contains(Duration.ofSeconds(7));
    }
}
