package org.kawamori.core.ble;

import java.util.HexFormat;
import java.util.UUID;
import org.kawamori.core.TagId;

/**
 * A frame found in a BLE advertisement: an identity (iBeacon, Eddystone-UID, Eddystone-EID) that
 * names a tag, or Eddystone-TLM telemetry that names none. Identities are personal data: {@code
 * toString} never shows them.
 */
public sealed interface BleFrame {

    /** A frame that identifies a tag. */
    sealed interface Identity extends BleFrame {
        /** The tag's id as the registry keeps it, e.g. {@code ibeacon:<uuid>:<major>:<minor>}. */
        TagId tagId();
    }

    /**
     * Apple iBeacon: manufacturer data {@code 4C 00 02 15 | uuid(16) | major(2) | minor(2) | power(1)}.
     */
    record IBeacon(UUID proximityUuid, int major, int minor, int measuredPower) implements Identity {
        @Override
        public TagId tagId() {
            return new TagId("ibeacon:" + proximityUuid + ":" + major + ":" + minor);
        }

        @Override
        public String toString() {
            return "IBeacon[redacted]";
        }
    }

    /** Eddystone-UID: service data {@code AA FE | 00 | tx(1) | namespace(10) | instance(6) [| rfu(2)]}. */
    record EddystoneUid(String namespaceHex, String instanceHex, int txPowerAt0m) implements Identity {
        @Override
        public TagId tagId() {
            return new TagId("eddystone-uid:" + namespaceHex + ":" + instanceHex);
        }

        @Override
        public String toString() {
            return "EddystoneUid[redacted]";
        }
    }

    /** Eddystone-EID: service data {@code AA FE | 30 | tx(1) | eid(8)}: a rotating ephemeral id. */
    record EddystoneEid(String eidHex, int txPowerAt0m) implements Identity {
        @Override
        public TagId tagId() {
            return new TagId("eddystone-eid:" + eidHex);
        }

        @Override
        public String toString() {
            return "EddystoneEid[redacted]";
        }
    }

    /**
     * Eddystone-TLM, unencrypted: service data {@code AA FE | 20 | 00 | battery mV(2) | temperature
     * 8.8(2) | adv count(4) | deciseconds(4)}. Battery 0 and temperature 0x8000 mean "not
     * supported" (null here).
     */
    record EddystoneTlm(
            Integer batteryMillivolts, Double temperatureCelsius, long advertisingCount, long uptimeDeciseconds)
            implements BleFrame {}

    /** Lower-case hex of bytes, as identities are written. */
    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
