package org.kawamori.core.alert;

import java.time.Instant;
import java.util.List;
import org.kawamori.core.TagSighting;
import org.kawamori.core.access.Principal;

/**
 * The declared searches (lost-mode alerts) as officers see them: the active ones of their municipality,
 * and the sightings of one, each read written to the audit log first. Served by the composition root.
 */
public interface Searches {

    /** The searches declared for tags of the officer's municipality. */
    List<AlertRecord> active(Principal.Officer officer);

    /**
     * The sightings since the search was declared, newest first, after writing the read to the audit
     * log.
     *
     * @throws NoSuchSearch when there is no declared search with this id for the officer's municipality
     *     (the same answer for another municipality's search)
     */
    List<TagSighting> trail(long searchId, Principal.Officer officer, Instant at);

    final class NoSuchSearch extends RuntimeException {
        public NoSuchSearch() {
            super("no declared search with this id for your municipality", null, false, false);
        }
    }
}
