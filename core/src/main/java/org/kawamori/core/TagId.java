package org.kawamori.core;

import java.util.Objects;

/**
 * The id of a BLE watch tag. Tag ids are personal data: they are never logged and never shown on the
 * public map, so {@link #toString()} does not reveal the value.
 */
public record TagId(String value) {

    /** Allowed after the first character, besides ASCII letters and digits (the colon for MAC-style ids). */
    private static final String PUNCTUATION = "._:-";

    public TagId {
        Objects.requireNonNull(value, "tag id");
        if (!IdForm.matches(value, PUNCTUATION)) {
            throw new IllegalArgumentException("tag id has an invalid form");
        }
    }

    @Override
    public String toString() {
        return "TagId[redacted]";
    }
}
