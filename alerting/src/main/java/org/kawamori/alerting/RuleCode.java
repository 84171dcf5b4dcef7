package org.kawamori.alerting;

import java.util.Arrays;

/** The rules the engine runs, with their stable codes (the alert's {@code rule} column) and who hears them. */
enum RuleCode {
    RIVER_STAGE("river-stage", Reach.OFFICERS_AND_PUBLIC, true),
    INUNDATION("inundation", Reach.OFFICERS_AND_PUBLIC, true),
    RATE_OF_RISE("rate-of-rise", Reach.OFFICERS, true),
    OFFLINE("offline", Reach.OFFICERS, true),
    BATTERY_LOW("battery-low", Reach.OFFICERS, true),
    SUSPECT("suspect-value", Reach.OFFICERS, true),
    UPSTREAM("upstream-warning", Reach.OFFICERS, true),
    /** One pass is one notice; the end of the pass is recorded but not told. No reminders. */
    GATE_PASS("gate-pass", Reach.FAMILY, false),
    NOT_SEEN("not-seen", Reach.FAMILY, true),
    NEAR_FLOOD("near-flood", Reach.FAMILY, true),
    /** Declared by the family itself: no reminders; each sighting is told at once. */
    LOST_MODE("lost-mode", Reach.FAMILY_AND_SEARCH, false);

    /** Who a rule's notices are for. */
    enum Reach {
        /** Officers of the alert's municipality, and the public map for the changes of state (not reminders, acks). */
        OFFICERS_AND_PUBLIC,
        OFFICERS,
        /** The tag's family only. */
        FAMILY,
        /** The family with everything; the officers of the tag's municipality without position or tag id. */
        FAMILY_AND_SEARCH
    }

    private final String code;
    private final Reach reach;
    private final boolean reminded;

    RuleCode(String code, Reach reach, boolean reminded) {
        this.code = code;
        this.reach = reach;
        this.reminded = reminded;
    }

    static RuleCode of(String code) {
        return Arrays.stream(values())
                .filter(r -> r.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown rule " + code));
    }

    String code() {
        return code;
    }

    Reach reach() {
        return reach;
    }

    boolean reminded() {
        return reminded;
    }

    boolean silentClear() {
        return this == GATE_PASS;
    }
}
