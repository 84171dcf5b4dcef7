package org.kawamori.core.access;

import java.util.Locale;

/** The roles of {@link Principal}, in the lower-case form the API and the database use. */
public enum Role {
    PUBLIC,
    FAMILY,
    OFFICER,
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a wire name; {@link IllegalArgumentException} naming the four for anything else. */
    public static Role ofWire(String wire) {
        for (Role r : values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of public, family, officer, admin");
    }
}
