package org.kawamori.core.ingest;

/**
 * Why a message was refused. The code is stable: it is stored in the dead-letter, counted in metrics
 * and written in logs, and operators search for it.
 */
public enum RejectionReason {
    WRONG_TOPIC(
            "wrong-topic",
            "the topic or path does not name a device as kawamori/{municipality}/sensors/{device}/up"
                    + " or kawamori/{municipality}/gateways/{device}/detections"),
    UNKNOWN_DEVICE("unknown-device", "no device with this id is registered"),
    DEVICE_DISABLED("device-disabled", "the device is registered but disabled"),
    WRONG_MUNICIPALITY("wrong-municipality", "the device belongs to another municipality"),
    NOT_AUTHORIZED("not-authorized", "the authenticated identity is not this device"),
    DEVICE_MISMATCH("device-mismatch", "the SenML base name names another device than the topic or path"),
    UNSUPPORTED_CONTENT_FORMAT("unsupported-content-format", "the payload is not in a supported format"),
    PAYLOAD_TOO_LARGE("payload-too-large", "the payload exceeds the size limit"),
    EMPTY_PAYLOAD("empty-payload", "the payload is empty"),
    MALFORMED_PAYLOAD("malformed-payload", "the payload is not valid SenML"),
    UNKNOWN_MEASUREMENT("unknown-measurement", "the payload names a measurement this device kind does not have"),
    WRONG_UNIT("wrong-unit", "the measurement is given in another unit than expected"),
    VALUE_OUT_OF_RANGE("value-out-of-range", "a value is outside the physically plausible range"),
    TIMESTAMP_OUT_OF_RANGE("timestamp-out-of-range", "a time lies too far in the future or the past"),
    MALFORMED_BATCH("malformed-batch", "the payload is not a valid gateway detection batch"),
    MALFORMED_ADVERTISEMENT("malformed-advertisement", "a raw BLE advertisement is not an iBeacon or Eddystone frame"),
    MISSING_POSITION("missing-position", "a moving gateway reported a detection without a position"),
    PROCESSING_FAILED("processing-failed", "the server failed on this message; it is kept for an operator to replay");

    private final String code;
    private final String description;

    RejectionReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
