package org.kawamori.notify;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed settings from flat key/value pairs (a properties file, the environment). A missing
 * key takes the default that the config record declares next to it; a malformed value is refused
 * with the key's name, never with the value (it may be a secret).
 */
public final class ConfigValues {

    private final Map<String, String> values;

    private ConfigValues(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static ConfigValues of(Map<String, String> values) {
        return new ConfigValues(values);
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new IllegalArgumentException("setting " + key + " is required"));
    }

    public int integer(String key, int fallback) {
        try {
            return optional(key).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be an integer");
        }
    }

    public boolean bool(String key, boolean fallback) {
        return optional(key).map(v -> parseBoolean(key, v)).orElse(fallback);
    }

    /** A duration as ISO-8601 ({@code PT5S}) or a number with a unit: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}. */
    public Duration duration(String key, Duration fallback) {
        return optional(key).map(v -> parseDuration(key, v)).orElse(fallback);
    }

    public <E extends Enum<E>> E enumeration(String key, Class<E> type, E fallback) {
        try {
            return optional(key)
                    .map(v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_')))
                    .orElse(fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "setting " + key + " must be one of " + java.util.List.of(type.getEnumConstants()));
        }
    }

    static Duration parseDuration(String key, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            int digits = 0;
            while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
                digits++;
            }
            long amount = Long.parseLong(v.substring(0, digits));
            return switch (v.substring(digits)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("setting " + key + ": unknown unit");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("setting " + key + " must be a duration such as 5s or PT5S");
        }
    }

    private static boolean parseBoolean(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("setting " + key + " must be true or false");
        };
    }
}
