package org.kawamori.core.ble;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Reads the AD structures of a legacy BLE advertisement (at most 31 bytes: {@code [length][type][data
 * …]} repeated, zero padding at the end) and finds the one iBeacon or Eddystone frame in it. Flags,
 * TX power, service UUID lists and names are skipped; anything malformed, unknown or ambiguous is
 * refused, never guessed.
 */
public final class BleAdvertisement {

    /** A legacy advertising payload holds at most 31 bytes. */
    public static final int MAX_BYTES = 31;

    private static final int MANUFACTURER_DATA = 0xFF;
    private static final int SERVICE_DATA_16 = 0x16;
    private static final int APPLE = 0x004C;
    private static final int EDDYSTONE = 0xFEAA;

    private BleAdvertisement() {}

    /** Parses hex (upper or lower case, no separators). */
    public static BleFrame parseHex(String hex) throws MalformedAdvertisementException {
        if (hex == null || hex.isEmpty()) {
            throw new MalformedAdvertisementException(AdvertisementProblem.EMPTY, "the advertisement is empty");
        }
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new MalformedAdvertisementException(
                    AdvertisementProblem.NOT_HEX, "the advertisement is not an even number of hex digits");
        }
        if (hex.length() > 2 * MAX_BYTES) {
            throw new MalformedAdvertisementException(
                    AdvertisementProblem.TOO_LONG, "the advertisement has more than " + MAX_BYTES + " bytes");
        }
        return parse(HexFormat.of().parseHex(hex));
    }

    public static BleFrame parse(byte[] payload) throws MalformedAdvertisementException {
        if (payload.length == 0) {
            throw new MalformedAdvertisementException(AdvertisementProblem.EMPTY, "the advertisement is empty");
        }
        if (payload.length > MAX_BYTES) {
            throw new MalformedAdvertisementException(
                    AdvertisementProblem.TOO_LONG, "the advertisement has more than " + MAX_BYTES + " bytes");
        }
        List<BleFrame> frames = new ArrayList<>();
        int i = 0;
        while (i < payload.length) {
            int length = payload[i] & 0xFF;
            if (length == 0) {
                ensurePadding(payload, i);
                break;
            }
            if (i + 1 + length > payload.length) {
                throw new MalformedAdvertisementException(
                        AdvertisementProblem.TRUNCATED_STRUCTURE,
                        "an AD structure at byte " + i + " is longer than the advertisement");
            }
            int type = payload[i + 1] & 0xFF;
            byte[] data = Arrays.copyOfRange(payload, i + 2, i + 1 + length);
            BleFrame frame = frame(type, data);
            if (frame != null) {
                frames.add(frame);
            }
            i += 1 + length;
        }
        if (frames.isEmpty()) {
            throw new MalformedAdvertisementException(
                    AdvertisementProblem.NO_TAG_FRAME, "no iBeacon or Eddystone frame");
        }
        if (frames.size() > 1) {
            throw new MalformedAdvertisementException(
                    AdvertisementProblem.MULTIPLE_FRAMES, "more than one iBeacon or Eddystone frame");
        }
        return frames.get(0);
    }

    private static void ensurePadding(byte[] payload, int from) throws MalformedAdvertisementException {
        for (int j = from; j < payload.length; j++) {
            if (payload[j] != 0) {
                throw new MalformedAdvertisementException(
                        AdvertisementProblem.TRUNCATED_STRUCTURE, "data after a zero-length AD structure");
            }
        }
    }

    /** The frame an AD structure holds, or null when it is one of the structures that are skipped. */
    private static BleFrame frame(int type, byte[] data) throws MalformedAdvertisementException {
        if (type == MANUFACTURER_DATA && data.length >= 2 && littleEndian16(data, 0) == APPLE) {
            return iBeacon(data);
        }
        if (type == SERVICE_DATA_16 && data.length >= 2 && littleEndian16(data, 0) == EDDYSTONE) {
            return eddystone(Arrays.copyOfRange(data, 2, data.length));
        }
        return null;
    }

    /** {@code 4C 00 | 02 15 | uuid(16) | major(2) | minor(2) | power(1)}: 25 bytes. */
    private static BleFrame iBeacon(byte[] data) throws MalformedAdvertisementException {
        if (data.length != 25 || data[2] != 0x02 || data[3] != 0x15) {
            throw new MalformedAdvertisementException(
                    AdvertisementProblem.BAD_IBEACON_LENGTH,
                    "Apple manufacturer data is not an iBeacon of 25 bytes (type 02, length 15)");
        }
        ByteBuffer b = ByteBuffer.wrap(data, 4, 21);
        UUID uuid = new UUID(b.getLong(), b.getLong());
        int major = b.getShort() & 0xFFFF;
        int minor = b.getShort() & 0xFFFF;
        return new BleFrame.IBeacon(uuid, major, minor, b.get());
    }

    private static BleFrame eddystone(byte[] frame) throws MalformedAdvertisementException {
        if (frame.length == 0) {
            throw eddystoneLength("an Eddystone frame without a frame type");
        }
        int kind = frame[0] & 0xFF;
        switch (kind) {
            case 0x00 -> {
                if (frame.length != 18 && frame.length != 20) {
                    throw eddystoneLength("an Eddystone-UID frame has 18 or 20 bytes");
                }
                return new BleFrame.EddystoneUid(
                        BleFrame.hex(Arrays.copyOfRange(frame, 2, 12)),
                        BleFrame.hex(Arrays.copyOfRange(frame, 12, 18)),
                        frame[1]);
            }
            case 0x30 -> {
                if (frame.length != 10) {
                    throw eddystoneLength("an Eddystone-EID frame has 10 bytes");
                }
                return new BleFrame.EddystoneEid(BleFrame.hex(Arrays.copyOfRange(frame, 2, 10)), frame[1]);
            }
            case 0x20 -> {
                return telemetry(frame);
            }
            default ->
                throw new MalformedAdvertisementException(
                        AdvertisementProblem.UNSUPPORTED_EDDYSTONE_FRAME,
                        String.format("Eddystone frame type 0x%02x carries no tag identity", kind));
        }
    }

    private static BleFrame telemetry(byte[] frame) throws MalformedAdvertisementException {
        if (frame.length >= 2 && frame[1] == 0x01) {
            throw new MalformedAdvertisementException(
                    AdvertisementProblem.ENCRYPTED_TLM, "encrypted Eddystone-TLM is not supported");
        }
        if (frame.length != 14 || frame[1] != 0x00) {
            throw eddystoneLength("an unencrypted Eddystone-TLM frame has 14 bytes, version 0");
        }
        ByteBuffer b = ByteBuffer.wrap(frame, 2, 12);
        int battery = b.getShort() & 0xFFFF;
        short temperature = b.getShort();
        long count = b.getInt() & 0xFFFFFFFFL;
        long uptime = b.getInt() & 0xFFFFFFFFL;
        return new BleFrame.EddystoneTlm(
                battery == 0 ? null : battery,
                temperature == (short) 0x8000 ? null : temperature / 256.0,
                count,
                uptime);
    }

    private static MalformedAdvertisementException eddystoneLength(String message) {
        return new MalformedAdvertisementException(AdvertisementProblem.BAD_EDDYSTONE_LENGTH, message);
    }

    private static int littleEndian16(byte[] data, int at) {
        return (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8;
    }
}
