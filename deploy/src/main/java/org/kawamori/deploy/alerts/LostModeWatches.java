package org.kawamori.deploy.alerts;

import java.util.ArrayList;
import java.util.List;
import org.kawamori.alerting.rules.WatchRules;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * The tags the rule book must watch for their active alerts even when they have no watch rule of their
 * own: a search (lost mode) declared for a tag without rules, or a pass that is still open after its
 * rule was removed. Without them the engine could neither end the search nor restore it after a
 * restart. Read from the engine's own keys in the alert's detail ({@code _owner = tag:<id>}, {@code
 * _family}); personal data, never logged.
 */
final class LostModeWatches {

    static final String LOST_MODE = "lost-mode";
    private static final String OWNER = "_owner";
    private static final String FAMILY = "_family";
    private static final String TAG = "tag:";

    private LostModeWatches() {}

    /** A rule-less watch for each tag with an active alert. */
    static List<WatchRules> of(List<AlertRecord> active) {
        List<WatchRules> watches = new ArrayList<>();
        for (AlertRecord alert : active) {
            String owner = alert.detail().getOrDefault(OWNER, "");
            String family = alert.detail().get(FAMILY);
            if (owner.startsWith(TAG) && family != null) {
                watches.add(WatchRules.none(
                        new TagId(owner.substring(TAG.length())),
                        new FamilyId(family),
                        alert.alert().municipality()));
            }
        }
        return watches;
    }

    /** Whether the alert is the declared search of this tag. */
    static boolean isSearchOf(AlertRecord alert, TagId tag) {
        return alert.alert().rule().equals(LOST_MODE)
                && (TAG + tag.value()).equals(alert.detail().get(OWNER));
    }
}
