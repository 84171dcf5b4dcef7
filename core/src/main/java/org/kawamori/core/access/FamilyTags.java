package org.kawamori.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * A family's own tags and their trails: personal data, read only for that family. Every method takes
 * the family and returns nothing of a tag that is not the family's, so a wrong tag id looks the same as
 * an unknown one. Only detections stored for the tag's own municipality count. Served by timeseries.
 */
public interface FamilyTags {

    /** The family's tags with their latest sighting, by tag id. */
    List<FamilyTag> tags(FamilyId family);

    /**
     * The tag's detections in {@code [from, to)}, newest first, at most {@code limit}; empty when the tag
     * is not the family's.
     */
    Optional<List<TagSighting>> trail(FamilyId family, TagId tag, Instant from, Instant to, int limit);

    /** Whether the tag is the family's. */
    boolean owns(FamilyId family, TagId tag);

    /**
     * One tag of the family.
     *
     * @param nickname the family's name for it (user text: escaped on every page), may be empty
     */
    record FamilyTag(TagId tag, MunicipalityCode municipality, Optional<String> nickname, Optional<TagSighting> last) {
        public FamilyTag {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(municipality, "municipality");
            Objects.requireNonNull(nickname, "nickname");
            Objects.requireNonNull(last, "last");
        }

        @Override
        public String toString() {
            return "FamilyTag[redacted]";
        }
    }
}
