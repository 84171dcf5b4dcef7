package org.kawamori.alerting.rules;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key with its default and how to read it from text. The rule records declare
 * their settings next to their fields, so a key, its type and its default are read in one place.
 *
 * @param <T> the value's type
 */
public record Setting<T>(String key, T defaultValue, Function<String, T> parser) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(parser, "parser");
    }

    /** An ISO-8601 duration, e.g. {@code PT30M}, {@code PT24H}. */
    public static Setting<Duration> duration(String key, Duration defaultValue) {
        return new Setting<>(key, defaultValue, Duration::parse);
    }

    /** An optional ISO-8601 duration: {@code none} turns it off. */
    public static Setting<Optional<Duration>> optionalDuration(String key, Optional<Duration> defaultValue) {
        return new Setting<>(
                key, defaultValue, text -> text.equals("none") ? Optional.empty() : Optional.of(Duration.parse(text)));
    }

    public static Setting<Double> decimal(String key, double defaultValue) {
        return new Setting<>(key, defaultValue, Double::valueOf);
    }

    public static Setting<Integer> integer(String key, int defaultValue) {
        return new Setting<>(key, defaultValue, Integer::valueOf);
    }

    /** A comma-separated list of decimals, e.g. {@code 0.10,0.20,0.30}. */
    public static Setting<List<Double>> decimals(String key, List<Double> defaultValue) {
        return new Setting<>(key, List.copyOf(defaultValue), text -> Arrays.stream(text.split(","))
                .map(String::trim)
                .map(Double::valueOf)
                .toList());
    }

    T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting " + key + " cannot be read from '" + text + "'", e);
        }
    }
}
