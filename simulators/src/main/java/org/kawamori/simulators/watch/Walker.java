package org.kawamori.simulators.watch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.simulators.geo.Polyline;
import org.kawamori.simulators.play.SimDevice.SimTag;

/**
 * A person wearing a watch tag: a child between home and school, or an elderly walker between home
 * and a station. {@code usualPath} is the way they normally walk; a child who goes missing leaves it
 * at {@code missingFrom} and is not near it again that day.
 */
public record Walker(SimTag tag, Kind kind, Walk walk, Polyline usualPath, Optional<Instant> missingFrom) {

    /** Who wears the tag. */
    public enum Kind {
        CHILD,
        ELDERLY
    }

    public Walker {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(missingFrom, "missingFrom");
    }

    @Override
    public String toString() {
        return "Walker[" + kind + (missingFrom.isPresent() ? ", missing" : "") + "]";
    }
}
