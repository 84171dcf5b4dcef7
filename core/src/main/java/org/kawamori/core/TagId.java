package org.kawamori.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a BLE watch tag. Tag ids are personal data: they are never logged and never shown on the
 * public map, so {@link #toString()} does not reveal the value.
 */
public record TagId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    public TagId {
        Objects.requireNonNull(value, "tag id");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("tag id has an invalid form");
        }
    }

    @Override
    public String toString() {
        return "TagId[redacted]";
    }
}
