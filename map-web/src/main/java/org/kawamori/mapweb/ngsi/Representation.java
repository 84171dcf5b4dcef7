package org.kawamori.mapweb.ngsi;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;

/**
 * How to answer: keyValues or normalized ({@code options=keyValues|simplified|normalized}, or {@code
 * format=…}; normalized when neither says, as NGSI-LD wants), and with the {@code @context} in the body
 * ({@code Accept: application/ld+json}) or in a {@code Link} header ({@code application/json}, also for
 * {@code *}{@code /*} and no {@code Accept}).
 */
record Representation(boolean keyValues, boolean linkedData) {

    static final String JSON = "application/json";
    static final String JSON_LD = "application/ld+json";

    /** From the query's parameters and the {@code Accept} header. */
    static Representation of(MultiMap query, String accept) {
        return new Representation(keyValues(query), linkedData(accept));
    }

    String contentType() {
        return linkedData ? JSON_LD : JSON;
    }

    private static boolean keyValues(MultiMap query) {
        Boolean chosen = null;
        for (String option : values(query.getAll("options"))) {
            switch (option) {
                case "keyValues", "simplified" -> chosen = choose(chosen, true);
                case "normalized" -> chosen = choose(chosen, false);
                case "sysAttrs" -> {
                    // no createdAt/modifiedAt are kept for these entities: nothing to add
                }
                default -> throw NgsiProblem.badRequest("'options' may be keyValues, simplified or normalized");
            }
        }
        for (String format : values(query.getAll("format"))) {
            switch (format) {
                case "keyValues", "simplified" -> chosen = choose(chosen, true);
                case "normalized" -> chosen = choose(chosen, false);
                default -> throw NgsiProblem.badRequest("'format' may be keyValues, simplified or normalized");
            }
        }
        return chosen != null && chosen;
    }

    private static Boolean choose(Boolean before, boolean keyValues) {
        if (before != null && before != keyValues) {
            throw NgsiProblem.badRequest("ask for keyValues or for normalized, not both");
        }
        return keyValues;
    }

    private static List<String> values(List<String> params) {
        return params.stream()
                .flatMap(p -> java.util.Arrays.stream(p.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Whether the client prefers JSON-LD; 406 when it takes neither JSON nor JSON-LD. */
    static boolean linkedData(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double json = 0;
        double jsonLd = 0;
        double anything = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            switch (type) {
                case JSON -> json = Math.max(json, q);
                case JSON_LD -> jsonLd = Math.max(jsonLd, q);
                case "*/*", "application/*" -> anything = Math.max(anything, q);
                default -> {}
            }
        }
        if (jsonLd > json) {
            return true;
        }
        if (json > 0 || anything > 0) {
            return false;
        }
        throw NgsiProblem.notAcceptable("this view answers application/json or application/ld+json");
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
