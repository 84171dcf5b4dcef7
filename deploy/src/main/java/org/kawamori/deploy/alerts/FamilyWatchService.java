package org.kawamori.deploy.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kawamori.alerting.rules.Settings;
import org.kawamori.alerting.rules.WatchRuleCodec;
import org.kawamori.alerting.rules.WatchRules;
import org.kawamori.core.TagId;
import org.kawamori.core.access.FamilyTags;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertRuleAdmin.InvalidRuleException;
import org.kawamori.core.alert.AlertRuleStore;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.alert.FamilyWatch;
import org.kawamori.core.alert.WatchRuleRow;
import org.kawamori.core.port.GatewayRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link FamilyWatch} over the running alert engine: a family's watch rules are checked as the
 * engine reads them ({@link WatchRuleCodec}), stored ({@link AlertRuleStore#replaceWatchRules}) and
 * in force from the tag's next sighting (the service reloads its rule book); lost mode is the engine's
 * search, declared and ended through {@link AlertService#lostMode} so that its notices (the family's,
 * the officers') go out. Every call first checks that the tag is the family's ({@link FamilyTags}),
 * and answers {@link NotYours} otherwise, the same for an unknown tag. The rows are always the tag's
 * own family and municipality, whatever the caller sent.
 *
 * <p>Logs name the guardian's login and counts, never a tag, a family or a place.
 */
public final class FamilyWatchService implements FamilyWatch {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyWatchService.class);

    private final AlertService alerts;
    private final AlertRuleStore rules;
    private final FamilyTags tags;
    private final GatewayRegistry gateways;

    public FamilyWatchService(AlertService alerts, AlertRuleStore rules, FamilyTags tags, GatewayRegistry gateways) {
        this.alerts = alerts;
        this.rules = rules;
        this.tags = tags;
        this.gateways = gateways;
    }

    @Override
    public List<WatchRuleRow> rules(FamilyId family, TagId tag) {
        if (!tags.owns(family, tag)) {
            throw new NotYours();
        }
        return rulesOf(tag);
    }

    @Override
    public List<WatchRuleRow> replaceRules(FamilyId family, TagId tag, List<WatchRuleRow> replacement, String by) {
        FamilyTags.FamilyTag owned = owned(family, tag);
        List<WatchRuleRow> rows = replacement.stream()
                .map(r -> new WatchRuleRow(0, tag, family, owned.municipality(), r.kind(), r.params()))
                .toList();
        Map<String, String> problems = problems(rows, alerts.settings());
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        rules.replaceWatchRules(tag, rows);
        alerts.reloadRules();
        LOG.info("{} replaced a tag's watch rules with {} rule(s)", logged(by), rows.size());
        return rulesOf(tag);
    }

    @Override
    public Optional<AlertRecord> search(FamilyId family, TagId tag) {
        if (!tags.owns(family, tag)) {
            throw new NotYours();
        }
        return searchOf(tag);
    }

    @Override
    public AlertRecord declareLost(FamilyId family, TagId tag, String by, Instant at) {
        FamilyTags.FamilyTag owned = owned(family, tag);
        Optional<AlertRecord> declared = searchOf(tag);
        if (declared.isPresent()) {
            return declared.get();
        }
        alerts.lostMode(WatchRules.none(tag, family, owned.municipality()), engine -> engine.declareLost(tag, at));
        LOG.info("{} declared a tag missing: the search is open", logged(by));
        return searchOf(tag).orElseThrow(() -> new IllegalStateException("the declared search is not active"));
    }

    @Override
    public boolean endLost(FamilyId family, TagId tag, String by, Instant at) {
        FamilyTags.FamilyTag owned = owned(family, tag);
        if (searchOf(tag).isEmpty()) {
            return false;
        }
        alerts.lostMode(WatchRules.none(tag, family, owned.municipality()), engine -> engine.endLost(tag, at));
        LOG.info("{} ended a search: found", logged(by));
        return true;
    }

    /** Each row's problem by its index, as the engine would read it with these settings. */
    private Map<String, String> problems(List<WatchRuleRow> rows, Settings settings) {
        Map<String, String> problems = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int index = i;
            WatchRuleCodec.problem(rows.get(i), settings, gateways::findGateway)
                    .ifPresent(problem -> problems.put(Integer.toString(index), problem));
        }
        return problems;
    }

    private FamilyTags.FamilyTag owned(FamilyId family, TagId tag) {
        return tags.tags(family).stream()
                .filter(t -> t.tag().equals(tag))
                .findFirst()
                .orElseThrow(NotYours::new);
    }

    private List<WatchRuleRow> rulesOf(TagId tag) {
        return rules.watchRules(tag);
    }

    private Optional<AlertRecord> searchOf(TagId tag) {
        return alerts.engine().activeAlerts().stream()
                .filter(a -> LostModeWatches.isSearchOf(a, tag))
                .findFirst();
    }

    /** A guardian's login may name the family (personal data): logs say only what kind of caller it was. */
    private static String logged(String by) {
        return by.startsWith("link:") ? "a family link (" + by + ")" : "a guardian";
    }
}
