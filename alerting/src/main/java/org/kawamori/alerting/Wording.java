package org.kawamori.alerting;

import java.util.HashMap;
import java.util.Map;
import org.kawamori.core.alert.AlertTransition;

/**
 * What an alert is about and where it stands, in Japanese (the default) and English; the titles of
 * every transition are made from it, so each rule words itself once.
 */
record Wording(String subjectJa, String subjectEn, String stateJa, String stateEn) {

    private static final String SUBJECT_JA = "_subject.ja";
    private static final String SUBJECT_EN = "_subject.en";
    private static final String STATE_JA = "_state.ja";
    private static final String STATE_EN = "_state.en";

    /** A one-line title of a transition. */
    record Title(String ja, String en) {}

    Title title(AlertTransition transition) {
        return switch (transition) {
            case OPENED -> new Title(subjectJa + "：" + stateJa, subjectEn + ": " + stateEn);
            case ESCALATED -> new Title(subjectJa + "：" + stateJa + "に上昇", subjectEn + ": up to " + stateEn);
            case DEESCALATED -> new Title(subjectJa + "：" + stateJa + "に低下", subjectEn + ": down to " + stateEn);
            case REMINDER ->
                new Title("【継続中】" + subjectJa + "：" + stateJa, "Still active: " + subjectEn + ": " + stateEn);
            case ACKNOWLEDGED ->
                new Title("【確認済み】" + subjectJa + "：" + stateJa, "Acknowledged: " + subjectEn + ": " + stateEn);
            case CLEARED -> new Title("【解除】" + subjectJa, "Lifted: " + subjectEn);
        };
    }

    /** Into an alert's detail, so that reminders and acknowledgements after a restart read the same. */
    Map<String, String> into(Map<String, String> detail) {
        Map<String, String> merged = new HashMap<>(detail);
        merged.put(SUBJECT_JA, subjectJa);
        merged.put(SUBJECT_EN, subjectEn);
        merged.put(STATE_JA, stateJa);
        merged.put(STATE_EN, stateEn);
        return merged;
    }

    static Wording from(Map<String, String> detail) {
        return new Wording(
                detail.getOrDefault(SUBJECT_JA, ""),
                detail.getOrDefault(SUBJECT_EN, ""),
                detail.getOrDefault(STATE_JA, ""),
                detail.getOrDefault(STATE_EN, ""));
    }
}
