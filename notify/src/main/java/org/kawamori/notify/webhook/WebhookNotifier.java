package org.kawamori.notify.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.kawamori.core.alert.Notice;
import org.kawamori.notify.NoticeJson;
import org.kawamori.notify.RetryAfter;
import org.kawamori.notify.SubscriberFanOut;

/**
 * POSTs each notice as {@link NoticeJson} to every webhook of its audience, with headers {@code
 * Idempotency-Key: <notice key>} and {@link WebhookSignature#HEADER} (timestamp and HMAC-SHA256 of
 * timestamp and body). A 2xx answer means delivered; 408, 429, 5xx and connection errors or
 * timeouts are worth another try (a {@code Retry-After} is passed on to the dispatcher); any other
 * answer, redirects included, is a refusal for good.
 */
public final class WebhookNotifier extends SubscriberFanOut<WebhookSubscription> {

    public static final String CHANNEL = "webhook";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final WebhookConfig config;
    private final Clock clock;
    private final HttpClient client;

    public WebhookNotifier(WebhookSubscriptions subscriptions, WebhookConfig config) {
        this(subscriptions, config, Clock.systemUTC());
    }

    public WebhookNotifier(WebhookSubscriptions subscriptions, WebhookConfig config, Clock clock) {
        super(subscriptions::forAudience, config.rememberedNotices());
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    protected void send(Notice notice, WebhookSubscription subscription) throws DeliveryException {
        byte[] body = NoticeJson.bytes(notice);
        Instant now = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(subscription.url())
                .timeout(config.requestTimeout())
                .header("Content-Type", NoticeJson.CONTENT_TYPE + "; charset=utf-8")
                .header("User-Agent", "Kawamori-Notify/1")
                .header(IDEMPOTENCY_KEY, notice.key())
                .header(
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(subscription.secret(), now.getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            throw new DeliveryException("connect timed out after " + config.connectTimeout(), true);
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("no answer within " + config.requestTimeout(), true);
        } catch (ConnectException e) {
            throw new DeliveryException("connection refused", true);
        } catch (IOException e) {
            // the message of an I/O error may name the host or URL; only its class is kept
            throw new DeliveryException("I/O error " + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true);
        }
        Optional<DeliveryException> failure =
                classify(response.statusCode(), response.headers().firstValue("Retry-After"), clock.instant());
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    /** Empty for a 2xx; otherwise the failure, retryable for 408, 429 and 5xx. */
    static Optional<DeliveryException> classify(int status, Optional<String> retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return Optional.empty();
        }
        String reason = "HTTP " + status;
        if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
            Optional<Duration> delay = retryAfter.flatMap(v -> parseRetryAfter(v, now));
            return Optional.of(delay.map(d -> new DeliveryException(
                            reason + ", retry after " + d.toSeconds() + " s", true, new RetryAfter(d)))
                    .orElseGet(() -> new DeliveryException(reason, true)));
        }
        return Optional.of(new DeliveryException(reason, false));
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110 §10.2.3); empty when malformed. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant when =
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, when);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
