package org.kawamori.routing.gateway;

/** Why a gateway batch was refused. The codes are stable: they go into the dead-letter detail. */
public enum BatchProblem {
    MALFORMED_JSON("malformed-json"),
    NOT_AN_OBJECT("not-an-object"),
    UNSUPPORTED_VERSION("unsupported-version"),
    UNKNOWN_FIELD("unknown-field"),
    DUPLICATE_FIELD("duplicate-field"),
    MISSING_FIELD("missing-field"),
    EMPTY_BATCH("empty-batch"),
    TOO_MANY_DETECTIONS("too-many-detections"),
    TAG_AND_ADV("tag-and-adv"),
    BAD_TAG("bad-tag"),
    BAD_ADV("bad-adv"),
    BAD_TIME("bad-time"),
    TIME_OUT_OF_WINDOW("time-out-of-window"),
    BAD_RSSI("bad-rssi"),
    BAD_POSITION("bad-position"),
    BAD_GATEWAY("bad-gateway");

    private final String code;

    BatchProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
