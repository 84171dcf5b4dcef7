package org.kawamori.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;

/**
 * The notices of one transition, one per audience, all with the key {@code Notice.keyOf(id, sequence)}
 * (receivers de-duplicate per channel and audience). Flood notices carry only public facts; a family's
 * notice goes to that family only; officers in a declared search get a reference, never a position.
 */
final class NoticeWriter {

    static final String OWNER = "_owner";
    static final String FAMILY = "_family";

    private NoticeWriter() {}

    static List<Notice> write(AlertRecord alert, AlertTransition transition, Instant at) {
        RuleCode rule = RuleCode.of(alert.alert().rule());
        MunicipalityCode municipality = alert.alert().municipality();
        Wording wording = Wording.from(alert.detail());
        Map<String, String> facts = publicFacts(alert.detail());
        List<Notice> notices = new ArrayList<>();
        switch (rule.reach()) {
            case OFFICERS ->
                notices.add(notice(alert, transition, at, new Audience.Officers(municipality), wording, facts));
            case OFFICERS_AND_PUBLIC -> {
                notices.add(notice(alert, transition, at, new Audience.Officers(municipality), wording, facts));
                if (changesState(transition)) {
                    notices.add(notice(alert, transition, at, new Audience.Public(), wording, facts));
                }
            }
            case FAMILY -> notices.add(notice(alert, transition, at, family(alert), wording, facts));
            case FAMILY_AND_SEARCH -> {
                notices.add(notice(alert, transition, at, family(alert), wording, facts));
                notices.add(notice(
                        alert,
                        transition,
                        at,
                        new Audience.Officers(municipality),
                        searchWording(alert, transition),
                        searchFacts(alert, transition)));
            }
        }
        return notices;
    }

    private static boolean changesState(AlertTransition transition) {
        return transition != AlertTransition.REMINDER && transition != AlertTransition.ACKNOWLEDGED;
    }

    private static Audience.Family family(AlertRecord alert) {
        String family = alert.detail().get(FAMILY);
        if (family == null) {
            throw new IllegalStateException("a family's alert without its family: " + alert);
        }
        return new Audience.Family(new Audience.FamilyId(family), alert.alert().municipality());
    }

    private static Map<String, String> publicFacts(Map<String, String> detail) {
        return detail.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Wording searchWording(AlertRecord alert, AlertTransition transition) {
        String state = transition == AlertTransition.REMINDER ? "新しい検知" : "捜索中";
        String stateEn = transition == AlertTransition.REMINDER ? "new sighting" : "search declared";
        return new Wording("見守りタグの捜索 #" + alert.id(), "Watch tag search #" + alert.id(), state, stateEn);
    }

    /** The officers' facts in a search: which search and which sighting, to be read through the audited read. */
    private static Map<String, String> searchFacts(AlertRecord alert, AlertTransition transition) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("search", Long.toString(alert.id()));
        facts.put("municipality", alert.alert().municipality().value());
        if (transition == AlertTransition.REMINDER) {
            facts.put("sighting", Integer.toString(alert.sequence()));
        }
        return facts;
    }

    private static Notice notice(
            AlertRecord alert,
            AlertTransition transition,
            Instant at,
            Audience audience,
            Wording wording,
            Map<String, String> facts) {
        Wording.Title title = wording.title(transition);
        return new Notice(
                Notice.keyOf(alert.id(), alert.sequence()),
                alert.id(),
                transition,
                alert.alert().severity(),
                alert.alert().rule(),
                audience,
                at,
                title.ja(),
                title.en(),
                facts);
    }
}
