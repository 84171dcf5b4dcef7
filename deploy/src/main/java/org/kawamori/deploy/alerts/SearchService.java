package org.kawamori.deploy.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.kawamori.alerting.AlertEngine;
import org.kawamori.core.Alert;
import org.kawamori.core.TagSighting;
import org.kawamori.core.access.Principal;
import org.kawamori.core.access.TagAccess;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Searches;

/**
 * Core's {@link Searches} over the rule engine: the declared searches are the engine's active
 * {@code lost-mode} alerts, and a trail is the engine's {@link AlertEngine#searchSightings}, which
 * writes the audit entry (the {@code audit_log} row) before it returns anything and refuses when it
 * cannot. An officer sees only the searches of tags of their own municipality ({@link
 * TagAccess#inSearch}); another municipality's search, an ended one and an unknown id are the same
 * {@link Searches.NoSuchSearch}. Nothing here logs: the trail is personal data.
 */
public final class SearchService implements Searches {

    static final String LOST_MODE = "lost-mode";

    private final AlertEngine engine;

    public SearchService(AlertEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** The searches of the app's running alert rules. */
    public static SearchService of(AlertService alerts) {
        return new SearchService(alerts.engine());
    }

    @Override
    public List<AlertRecord> active(Principal.Officer officer) {
        return engine.activeAlerts().stream()
                .filter(a ->
                        isSearch(a) && TagAccess.inSearch(officer, a.alert().municipality()))
                .toList();
    }

    @Override
    public List<TagSighting> trail(long searchId, Principal.Officer officer, Instant at) {
        boolean declared = engine.activeAlerts().stream()
                .anyMatch(a -> a.id() == searchId
                        && isSearch(a)
                        && TagAccess.inSearch(officer, a.alert().municipality()));
        if (!declared) {
            throw new NoSuchSearch();
        }
        List<TagSighting> oldestFirst;
        try {
            oldestFirst = engine.searchSightings(
                    searchId, new Audience.Officers(officer.municipality()), officer.login(), at);
        } catch (IllegalStateException endedMeanwhile) {
            // the engine refuses a search that is not declared (any more) for these officers
            throw new NoSuchSearch();
        }
        List<TagSighting> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static boolean isSearch(AlertRecord a) {
        return a.alert().rule().equals(LOST_MODE) && a.alert().state() != Alert.State.CLEARED;
    }
}
