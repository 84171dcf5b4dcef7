package org.kawamori.core.access;

import java.util.Optional;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * The one place that says who may read a tag's data. A tag belongs to one municipality and at most one
 * family. Its family reads it; an officer reads it only within a declared search of a tag of their own
 * municipality (and that read is audited by the search); the public and administrators never do.
 */
public final class TagAccess {

    private TagAccess() {}

    /** Whether the principal may read the tag's sightings outside a search. */
    public static boolean asOwner(Principal principal, Optional<FamilyId> tagFamily) {
        return principal instanceof Principal.FamilyMember f
                && tagFamily.filter(f.family()::equals).isPresent();
    }

    /** Whether the principal may read the trail of a declared search for a tag of {@code tagMunicipality}. */
    public static boolean inSearch(Principal principal, MunicipalityCode tagMunicipality) {
        return principal instanceof Principal.Officer o && o.municipality().equals(tagMunicipality);
    }
}
