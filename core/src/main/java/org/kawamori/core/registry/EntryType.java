package org.kawamori.core.registry;

import java.util.Locale;
import java.util.Optional;

/** What a registry entry is: a flood sensor, a BLE gateway or a watch tag. */
public enum EntryType {
    SENSOR,
    GATEWAY,
    TAG;

    /** {@code sensor}, {@code gateway}, {@code tag}: as in the CSV's type column and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type a label names ({@code sensor}, {@code gateway}, {@code tag}, any case), or empty. */
    public static Optional<EntryType> ofLabel(String label) {
        for (EntryType type : values()) {
            if (type.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
