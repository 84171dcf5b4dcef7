package org.kawamori.mapweb;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The validated query of {@code GET /api/v1/sensors/{id}/readings}: {@code from <= time < to}, at most {@code limit}. */
record ReadingWindow(Instant from, Instant to, int limit) {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    /**
     * Parses the query parameters (each may be null). A missing {@code to} is now, a missing {@code from} is 24 h
     * before {@code to}.
     *
     * @throws Problem.BadRequest if a time is unparsable, {@code from >= to} or the limit is not 1..10000
     */
    static ReadingWindow parse(String fromParam, String toParam, String limitParam, Instant now) {
        Instant to = toParam == null ? now : instant("to", toParam);
        Instant from = fromParam == null ? to.minus(DEFAULT_SPAN) : instant("from", fromParam);
        if (!from.isBefore(to)) {
            throw new Problem.BadRequest("'from' must be before 'to'");
        }
        return new ReadingWindow(from, to, limit(limitParam));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new Problem.BadRequest("'" + name
                    + "' must be an ISO-8601 instant such as 2026-11-23T01:00:00Z or 2026-11-23T10:00:00+09:00");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Problem.BadRequest("'limit' must be an integer from 1 to " + MAX_LIMIT);
        }
        return limit;
    }
}
