package org.kawamori.mapweb;

import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The validated time window of a history query: {@code from <= time < to}, at most {@code limit}
 * rows. Readings and alert history use it with their own {@link Limits}.
 */
record TimeWindow(Instant from, Instant to, int limit) {

    /** A query's defaults and bounds. */
    record Limits(Duration defaultSpan, int defaultLimit, int maxLimit) {}

    /** {@code GET /api/v1/sensors/{id}/readings}: 24 h, 1000 by default, at most 10000. */
    static final Limits READINGS = new Limits(Duration.ofHours(24), 1000, 10_000);

    /**
     * Parses the query parameters (each may be null). A missing {@code to} is now, a missing {@code
     * from} is the default span before {@code to}.
     *
     * @throws Problem.BadRequest if a time is unparsable, {@code from >= to} or the limit is not 1..max
     */
    static TimeWindow parse(String fromParam, String toParam, String limitParam, Instant now, Limits limits) {
        Instant to = toParam == null ? now : instant("to", toParam);
        Instant from = fromParam == null ? to.minus(limits.defaultSpan()) : instant("from", fromParam);
        if (!from.isBefore(to)) {
            throw new Problem.BadRequest("'from' must be before 'to'");
        }
        return new TimeWindow(from, to, limit(limitParam, limits));
    }

    /** The window of a request's {@code from}, {@code to} and {@code limit} parameters. */
    static TimeWindow of(HttpServerRequest request, Instant now, Limits limits) {
        return parse(request.getParam("from"), request.getParam("to"), request.getParam("limit"), now, limits);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new Problem.BadRequest("'" + name
                    + "' must be an ISO-8601 instant such as 2026-11-23T01:00:00Z or 2026-11-23T10:00:00+09:00");
        }
    }

    private static int limit(String value, Limits limits) {
        if (value == null) {
            return limits.defaultLimit();
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > limits.maxLimit()) {
            throw new Problem.BadRequest("'limit' must be an integer from 1 to " + limits.maxLimit());
        }
        return limit;
    }
}
