package org.kawamori.core;

import java.util.Objects;

/**
 * The id of a sensor, detector or gateway. It travels in MQTT topics and CoAP paths, so it is limited
 * to characters that need no escaping there: letters, digits, '.', '_' and '-', at most 64.
 */
public record DeviceId(String value) {

    /** Allowed after the first character, besides ASCII letters and digits. */
    private static final String PUNCTUATION = "._-";

    public DeviceId {
        Objects.requireNonNull(value, "device id");
        if (!IdForm.matches(value, PUNCTUATION)) {
            throw new IllegalArgumentException(
                    "device id must be an ASCII letter or digit, then up to 63 letters, digits, '.', '_' or '-'");
        }
    }

    public static DeviceId of(String value) {
        return new DeviceId(value);
    }

    public static boolean isValid(String value) {
        return value != null && IdForm.matches(value, PUNCTUATION);
    }

    @Override
    public String toString() {
        return value;
    }
}
