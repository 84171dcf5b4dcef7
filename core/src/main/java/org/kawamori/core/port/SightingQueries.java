package org.kawamori.core.port;

import java.util.Optional;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;

/** Reads of folded tag sightings (personal data: for the tag's own rules and audited searches only). */
public interface SightingQueries {

    /** The tag's latest sighting, if it was ever sighted within the retention period. */
    Optional<TagSighting> lastSighting(TagId tag);
}
