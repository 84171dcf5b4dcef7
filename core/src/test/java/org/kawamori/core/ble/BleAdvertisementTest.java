package org.kawamori.core.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BleAdvertisementTest {

    private static final String FLAGS = "020106";
    private static final String IBEACON = "1AFF4C000215" + "E2C56DB5DFFB48D2B060D0F5A71096E0" + "0001" + "0002" + "C5";
    private static final String EDDYSTONE_LIST = "0303AAFE";
    private static final String UID = "1716AAFE00E8" + "00112233445566778899" + "AABBCCDDEEFF" + "0000";
    private static final String EID = "0D16AAFE30E8" + "0102030405060708";
    private static final String TLM = "1116AAFE2000" + "0BB8" + "1780" + "0000002A" + "00000064";

    @Test
    void anIBeaconWithFlagsGivesItsUuidMajorMinorAndTagId() throws Exception {
        BleFrame frame = BleAdvertisement.parseHex(FLAGS + IBEACON);

        assertThat(frame)
                .isEqualTo(new BleFrame.IBeacon(UUID.fromString("e2c56db5-dffb-48d2-b060-d0f5a71096e0"), 1, 2, -59));
        assertThat(((BleFrame.Identity) frame).tagId().value())
                .isEqualTo("ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2");
    }

    @Test
    void anEddystoneUidWithItsServiceListAndRfuBytesGivesNamespaceAndInstance() throws Exception {
        BleFrame frame = BleAdvertisement.parseHex(FLAGS + EDDYSTONE_LIST + UID);

        assertThat(((BleFrame.Identity) frame).tagId().value())
                .isEqualTo("eddystone-uid:00112233445566778899:aabbccddeeff");
        assertThat(((BleFrame.EddystoneUid) frame).txPowerAt0m()).isEqualTo(-24);
    }

    @Test
    void anEddystoneEidGivesItsEphemeralId() throws Exception {
        assertThat(((BleFrame.Identity) BleAdvertisement.parseHex(EDDYSTONE_LIST + EID))
                        .tagId()
                        .value())
                .isEqualTo("eddystone-eid:0102030405060708");
    }

    @Test
    void anEddystoneTlmGivesTelemetryAndNoIdentity() throws Exception {
        assertThat(BleAdvertisement.parseHex(FLAGS + EDDYSTONE_LIST + TLM))
                .isEqualTo(new BleFrame.EddystoneTlm(3000, 23.5, 42, 100));
        assertThat(BleAdvertisement.parseHex("1116AAFE2000" + "0000" + "8000" + "00000001" + "00000002"))
                .as("battery 0 and temperature 0x8000 are 'not supported'")
                .isEqualTo(new BleFrame.EddystoneTlm(null, null, 1, 2));
    }

    @Test
    void zeroPaddingAfterTheStructuresIsAccepted() throws Exception {
        assertThat(BleAdvertisement.parseHex(EDDYSTONE_LIST + EID + "000000"))
                .isInstanceOf(BleFrame.EddystoneEid.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "empty,                                   '',                                   EMPTY",
        "odd number of digits,                    0201061,                              NOT_HEX",
        "not hex,                                 02010G,                               NOT_HEX",
        "more than 31 bytes,                      " + FLAGS + IBEACON + "0000,          TOO_LONG",
        "a length byte overruns the data,         0201061BFF4C000215,                   TRUNCATED_STRUCTURE",
        "data after zero padding,                 " + FLAGS + "0001,                   TRUNCATED_STRUCTURE",
        "flags only,                              020106,                               NO_TAG_FRAME",
        "a name with a stray length byte,         05094B4157410A,                       TRUNCATED_STRUCTURE",
        "Nordic manufacturer data,                0AFF590001020304050607,               NO_TAG_FRAME",
        "a complete local name only,              05094B415741,                         NO_TAG_FRAME",
        "an iBeacon one byte short,               19FF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002, BAD_IBEACON_LENGTH",
        "Apple data of another type,              1AFF4C000115E2C56DB5DFFB48D2B060D0F5A71096E000010002C5, BAD_IBEACON_LENGTH",
        "an Eddystone-UID cut short,              0E16AAFE00E8001122334455667788,       BAD_EDDYSTONE_LENGTH",
        "an Eddystone-EID cut short,              0816AAFE30E80102030405,               BAD_EDDYSTONE_LENGTH",
        "an Eddystone frame without a type,       0316AAFE,                             BAD_EDDYSTONE_LENGTH",
        "an Eddystone-URL frame,                  0A16AAFE10E8036B61776100,             UNSUPPORTED_EDDYSTONE_FRAME",
        "an unknown Eddystone frame type,         0616AAFE40E80102,                     UNSUPPORTED_EDDYSTONE_FRAME",
        "an encrypted TLM,                        1516AAFE2001000102030405060708090A0B0C0D0E0F10, ENCRYPTED_TLM",
        "two frames,                              0D16AAFE30E801020304050607080D16AAFE30E80102030405060708, MULTIPLE_FRAMES"
    })
    void malformedAdvertisementsAreRefusedWithTheirProblem(String what, String hex, AdvertisementProblem problem) {
        assertThatThrownBy(() -> BleAdvertisement.parseHex(hex))
                .isInstanceOf(MalformedAdvertisementException.class)
                .satisfies(e -> assertThat(((MalformedAdvertisementException) e).problem())
                        .isEqualTo(problem));
    }

    @Test
    void neitherFramesNorRefusalsShowTheIdentity() throws Exception {
        assertThat(BleAdvertisement.parseHex(FLAGS + IBEACON).toString()).doesNotContainIgnoringCase("e2c56db5");
        assertThat(BleAdvertisement.parseHex(EDDYSTONE_LIST + UID).toString()).doesNotContain("00112233");
        assertThatThrownBy(() -> BleAdvertisement.parseHex("19FF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002"))
                .hasMessageNotContainingAny("E2C56DB5", "e2c56db5");
    }
}
