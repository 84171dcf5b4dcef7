package org.kawamori.core.ble;

/** Why a raw BLE advertisement was refused. The codes are stable: they go into the dead-letter. */
public enum AdvertisementProblem {
    EMPTY("empty"),
    NOT_HEX("not-hex"),
    TOO_LONG("too-long"),
    TRUNCATED_STRUCTURE("truncated-structure"),
    NO_TAG_FRAME("no-tag-frame"),
    MULTIPLE_FRAMES("multiple-frames"),
    BAD_IBEACON_LENGTH("bad-ibeacon-length"),
    BAD_EDDYSTONE_LENGTH("bad-eddystone-length"),
    UNSUPPORTED_EDDYSTONE_FRAME("unsupported-eddystone-frame"),
    ENCRYPTED_TLM("encrypted-tlm");

    private final String code;

    AdvertisementProblem(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
