package org.kawamori.routing;

import java.time.Duration;

/**
 * Limits and retry settings of the inbound pipeline. Every setting has its default right here.
 *
 * @param maxPayloadBytes largest payload accepted; larger ones are dead-lettered (default 64 KiB)
 * @param maxRecordsPerPack most SenML records in one message (default 1,000)
 * @param maxFutureSkew how far ahead of the server clock a reading may be stamped (default 5 min)
 * @param maxAge how old a reading may be when it arrives (default 30 days, for gauges that buffer)
 * @param storeRetries how often a failed commit is retried before the message is left unacknowledged
 *     (default 3)
 * @param storeRetryDelay first delay between retries, doubled each time (default 200 ms)
 * @param workers threads that run the route steps before and after the commit (decode, registry
 *     look-ups, listeners); the commit itself holds no thread (default 8)
 */
public record RoutingConfig(
        int maxPayloadBytes,
        int maxRecordsPerPack,
        Duration maxFutureSkew,
        Duration maxAge,
        int storeRetries,
        Duration storeRetryDelay,
        int workers) {

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_RECORDS_PER_PACK = 1_000;
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    public static final int DEFAULT_STORE_RETRIES = 3;
    public static final Duration DEFAULT_STORE_RETRY_DELAY = Duration.ofMillis(200);
    public static final int DEFAULT_WORKERS = 8;

    public RoutingConfig {
        if (maxPayloadBytes < 64 || maxRecordsPerPack < 1 || storeRetries < 0 || workers < 1) {
            throw new IllegalArgumentException("routing limits must be positive");
        }
    }

    public static RoutingConfig defaults() {
        return new RoutingConfig(
                DEFAULT_MAX_PAYLOAD_BYTES,
                DEFAULT_MAX_RECORDS_PER_PACK,
                DEFAULT_MAX_FUTURE_SKEW,
                DEFAULT_MAX_AGE,
                DEFAULT_STORE_RETRIES,
                DEFAULT_STORE_RETRY_DELAY,
                DEFAULT_WORKERS);
    }
}
