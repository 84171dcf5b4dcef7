package org.kawamori.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a sensor, detector or gateway. It travels in MQTT topics and CoAP paths, so it is limited
 * to characters that need no escaping there: letters, digits, '.', '_' and '-', at most 64.
 */
public record DeviceId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public DeviceId {
        Objects.requireNonNull(value, "device id");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("device id must match " + FORM.pattern());
        }
    }

    public static DeviceId of(String value) {
        return new DeviceId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
