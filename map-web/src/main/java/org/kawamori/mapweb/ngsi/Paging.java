package org.kawamori.mapweb.ngsi;

import io.vertx.core.MultiMap;
import java.util.List;

/**
 * {@code limit} (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}; {@code 0} only with
 * {@code count=true}), {@code offset} (default 0) and {@code count} of an entity query.
 */
record Paging(int limit, int offset, boolean count) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    static final int MAX_OFFSET = 1_000_000;

    static Paging of(MultiMap query) {
        boolean count = flag(query.get("count"));
        int limit = number(query.get("limit"), "limit", DEFAULT_LIMIT, MAX_LIMIT);
        if (limit == 0 && !count) {
            throw NgsiProblem.badRequest("'limit' must be 1.." + MAX_LIMIT + " (0 only with count=true)");
        }
        int offset = number(query.get("offset"), "offset", 0, MAX_OFFSET);
        return new Paging(limit, offset, count);
    }

    <T> List<T> page(List<T> all) {
        if (offset >= all.size()) {
            return List.of();
        }
        return all.subList(offset, Math.min(all.size(), offset + limit));
    }

    /** Whether entities follow this page. */
    boolean more(int total) {
        return limit > 0 && offset + limit < total;
    }

    private static boolean flag(String text) {
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw NgsiProblem.badRequest("'count' must be true or false");
    }

    private static int number(String text, String name, int absent, int max) {
        if (text == null) {
            return absent;
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(Character::isDigit)) {
            throw NgsiProblem.badRequest("'" + name + "' must be a whole number 0.." + max);
        }
        int value = Integer.parseInt(t);
        if (value > max) {
            throw NgsiProblem.badRequest("'" + name + "' must be at most " + max);
        }
        return value;
    }
}
