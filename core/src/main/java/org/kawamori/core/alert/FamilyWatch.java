package org.kawamori.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * What a family does to its own tags' alerting: its watch rules and lost mode. Every method first checks
 * that the tag is the family's ({@link NotYours} otherwise, the same for an unknown tag). Served by the
 * composition root over the rule engine and the rule store.
 */
public interface FamilyWatch {

    /** The tag's watch rules. */
    List<WatchRuleRow> rules(FamilyId family, TagId tag);

    /**
     * Replaces the tag's watch rules, in effect from the next sighting.
     *
     * @throws AlertRuleAdmin.InvalidRuleException naming each bad rule (by index) and why
     */
    List<WatchRuleRow> replaceRules(FamilyId family, TagId tag, List<WatchRuleRow> rules, String by);

    /** The tag's declared search (lost-mode alert), if one is declared. */
    Optional<AlertRecord> search(FamilyId family, TagId tag);

    /**
     * Declares the tag's wearer missing: a search that the municipality's officers see. Declaring it
     * again changes nothing. Returns the search's alert.
     */
    AlertRecord declareLost(FamilyId family, TagId tag, String by, Instant at);

    /** Ends the search (found); returns whether one was declared. */
    boolean endLost(FamilyId family, TagId tag, String by, Instant at);

    /** The tag is not one of the family's (or does not exist): answered as 404. */
    final class NotYours extends RuntimeException {
        public NotYours() {
            super("no such tag in this family", null, false, false);
        }
    }
}
