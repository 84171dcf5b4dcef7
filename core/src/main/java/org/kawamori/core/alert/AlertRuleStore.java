package org.kawamori.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kawamori.core.TagId;

/**
 * The alert rules as data in the database: the layered settings (keys as in the alert engine's
 * defaults file: {@code <key>}, {@code municipality.<code>.<key>}, {@code station.<device>.<key>})
 * and the families' watch rules. The shipped defaults are not stored: a key absent here has its
 * default.
 */
public interface AlertRuleStore {

    /** Every stored setting. */
    Map<String, String> settings();

    /**
     * Sets and removes settings in one transaction and writes who did it to the audit log.
     *
     * @param by the administrator's login
     */
    void updateSettings(Map<String, String> put, Set<String> remove, String by, Instant at);

    /** Every watch rule of every tag. */
    List<WatchRuleRow> watchRules();

    /** The watch rules of one tag, in the order they were stored (a store should use its index). */
    default List<WatchRuleRow> watchRules(TagId tag) {
        return watchRules().stream().filter(r -> r.tag().equals(tag)).toList();
    }

    /** Replaces all watch rules of one tag (one transaction). */
    void replaceWatchRules(TagId tag, List<WatchRuleRow> rules);
}
