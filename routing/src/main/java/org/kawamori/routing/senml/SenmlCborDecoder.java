package org.kawamori.routing.senml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes SenML CBOR (RFC 8428 §6, content-format 112, {@code application/senml+cbor}): a CBOR array
 * of maps keyed by the integer labels of RFC 8428 Table 4. The raw records are handed to the same
 * {@link SenmlResolver} as the JSON ones, so base fields, relative times and value rules are shared.
 *
 * <p>It is strict, reading the bytes with a streaming parser and looking at each item's initial byte:
 *
 * <ul>
 *   <li>the top level is one definite-length array of definite-length maps, and nothing follows it;
 *       the declared array length is checked against the record limit before any record is read;
 *   <li>keys are the integer labels of Table 4; text keys, unknown labels (there is no way to tell
 *       whether an unknown CBOR label must be understood) and duplicate labels are refused;
 *   <li>values are integers, floats (half, single, double), decimal fractions (tag 4, which RFC 8428
 *       §6 allows for numbers), definite-length text strings, booleans, or a definite-length byte
 *       string for {@code vd}; any other tag, indefinite lengths, null, undefined, simple values and
 *       nested arrays or maps are refused;
 *   <li>{@code vd} (data value) is accepted and carried, as in the JSON decoder, as its base64url text
 *       without padding (RFC 8428 §4.3), so a CBOR pack and the equivalent JSON pack resolve to equal
 *       records; it is the interpreter that then refuses a record without a numeric value.
 * </ul>
 */
public final class SenmlCborDecoder {

    /** The longest text string accepted, as in the JSON decoder; enforced by the stream read constraints. */
    static final int MAX_TEXT_LENGTH = 64 * 1024;

    /** RFC 8428 Table 4: CBOR label to the JSON field name the resolver works with. */
    private static final Map<Integer, String> LABELS = Map.ofEntries(
            Map.entry(-1, "bver"),
            Map.entry(-2, "bn"),
            Map.entry(-3, "bt"),
            Map.entry(-4, "bu"),
            Map.entry(-5, "bv"),
            Map.entry(-6, "bs"),
            Map.entry(0, "n"),
            Map.entry(1, "u"),
            Map.entry(2, "v"),
            Map.entry(3, "vs"),
            Map.entry(4, "vb"),
            Map.entry(5, "s"),
            Map.entry(6, "t"),
            Map.entry(7, "ut"),
            Map.entry(8, "vd"));

    private static final int ARRAY = 4;
    private static final int MAP = 5;
    private static final int INDEFINITE = 31;
    private static final int DECIMAL_FRACTION = 0xc4;

    private final CBORFactory factory;
    private final SenmlResolver resolver;
    private final int maxRecords;

    public SenmlCborDecoder(int maxRecords) {
        this.factory = CBORFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(4)
                        .maxStringLength(MAX_TEXT_LENGTH)
                        .maxNumberLength(64)
                        .build())
                .build();
        this.resolver = new SenmlResolver(maxRecords);
        this.maxRecords = maxRecords;
    }

    public List<SenmlRecord> decode(byte[] payload, Instant now) throws SenmlException {
        return resolver.resolve(parse(payload), now);
    }

    private List<Map<String, Object>> parse(byte[] payload) throws SenmlException {
        List<Map<String, Object>> records = new ArrayList<>();
        try (CBORParser p = factory.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY || majorType(payload, p) != ARRAY) {
                throw new SenmlException("SenML CBOR must be an array of records");
            }
            long declared = definiteLength(payload, p, "the SenML array");
            if (declared > maxRecords) {
                throw new SenmlException("the SenML pack has " + declared + " records, more than " + maxRecords);
            }
            for (int index = 0; index < declared; index++) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT || majorType(payload, p) != MAP) {
                    throw new SenmlException("record " + index + " is not a CBOR map");
                }
                records.add(readRecord(payload, p, index));
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new SenmlException("the SenML array does not end where its length says");
            }
            long end = p.currentLocation().getByteOffset();
            if (end != payload.length) {
                throw new SenmlException((payload.length - end) + " trailing byte(s) after the SenML array");
            }
        } catch (JsonProcessingException e) {
            throw new SenmlException("not valid CBOR: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SenmlException("unreadable payload: " + e.getMessage());
        }
        return records;
    }

    private static Map<String, Object> readRecord(byte[] payload, CBORParser p, int index)
            throws IOException, SenmlException {
        String where = "record " + index;
        long pairs = definiteLength(payload, p, where);
        if (pairs > LABELS.size()) {
            throw new SenmlException(where + " has " + pairs + " fields, more than SenML defines");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        for (long i = 0; i < pairs; i++) {
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                throw new SenmlException(where + " has a map that does not end where its length says");
            }
            String key = label(payload, p, where);
            JsonToken value = p.nextToken();
            Object previous = record.put(key, value(payload, p, value, key, where));
            if (previous != null) {
                throw new SenmlException(where + " has the label '" + key + "' twice");
            }
        }
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new SenmlException(where + " has a map that does not end where its length says");
        }
        return record;
    }

    private static String label(byte[] payload, CBORParser p, String where) throws IOException, SenmlException {
        int major = majorType(payload, p);
        if (major == 3) {
            throw new SenmlException(where + " has the text key '" + truncate(p.currentName())
                    + "'; SenML CBOR uses the integer labels of RFC 8428 Table 4");
        }
        if (major != 0 && major != 1) {
            throw new SenmlException(where + " has a key that is not an integer label");
        }
        String name = p.currentName();
        Integer label;
        try {
            label = Integer.valueOf(name);
        } catch (NumberFormatException e) {
            label = null;
        }
        String key = label == null ? null : LABELS.get(label);
        if (key == null) {
            throw new SenmlException(where + " has the unknown label " + truncate(name));
        }
        return key;
    }

    private static Object value(byte[] payload, CBORParser p, JsonToken token, String key, String where)
            throws IOException, SenmlException {
        int initial = initialByte(payload, p);
        int major = initial >>> 5;
        if (major == 6 && !(initial == DECIMAL_FRACTION && token == JsonToken.VALUE_NUMBER_FLOAT)) {
            throw new SenmlException(
                    where + " field '" + key + "' is tagged; only decimal fractions (tag 4) are accepted");
        }
        if ((major == 2 || major == 3) && (initial & 0x1f) == INDEFINITE) {
            throw new SenmlException(where + " field '" + key + "' has an indefinite length");
        }
        String notScalar = where + " field '" + key + "' is not a string, number, boolean or byte string";
        if (token == null) {
            throw new SenmlException(notScalar);
        }
        switch (token) {
            case VALUE_STRING -> {
                if (major != 3) {
                    throw new SenmlException(notScalar);
                }
                if ("vd".equals(key)) {
                    throw new SenmlException(where + " field 'vd' must be a byte string");
                }
                return p.getText(); // longer than MAX_TEXT_LENGTH: the stream read constraints refuse it
            }
            case VALUE_NUMBER_INT -> {
                if (major != 0 && major != 1) {
                    throw new SenmlException(notScalar);
                }
                return p.getDoubleValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                if (initial != DECIMAL_FRACTION && (initial < 0xf9 || initial > 0xfb)) {
                    throw new SenmlException(notScalar);
                }
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_EMBEDDED_OBJECT -> {
                if (major != 2) {
                    throw new SenmlException(notScalar);
                }
                byte[] data = p.getBinaryValue();
                // the resolver checks 'vd' is text and every other field's type: bytes elsewhere are refused there
                return "vd".equals(key)
                        ? Base64.getUrlEncoder().withoutPadding().encodeToString(data)
                        : data;
            }
            default -> throw new SenmlException(notScalar);
        }
    }

    /** The length an array or map declares; indefinite lengths are refused. */
    private static long definiteLength(byte[] payload, CBORParser p, String what) throws SenmlException {
        int offset = offset(payload, p);
        int info = payload[offset] & 0x1f;
        if (info < 24) {
            return info;
        }
        if (info == INDEFINITE) {
            throw new SenmlException(what + " has an indefinite length");
        }
        int size =
                switch (info) {
                    case 24 -> 1;
                    case 25 -> 2;
                    case 26 -> 4;
                    case 27 -> 8;
                    default -> throw new SenmlException(what + " has a malformed length");
                };
        if (offset + size >= payload.length) {
            throw new SenmlException(what + " has a truncated length");
        }
        long length = 0;
        for (int i = 1; i <= size; i++) {
            length = (length << 8) | (payload[offset + i] & 0xff);
        }
        return length < 0 ? Long.MAX_VALUE : length; // an 8-byte length above 2^63 is just too many
    }

    private static int majorType(byte[] payload, CBORParser p) throws SenmlException {
        return initialByte(payload, p) >>> 5;
    }

    private static int initialByte(byte[] payload, CBORParser p) throws SenmlException {
        return payload[offset(payload, p)] & 0xff;
    }

    private static int offset(byte[] payload, CBORParser p) throws SenmlException {
        long offset = p.currentTokenLocation().getByteOffset();
        if (offset < 0 || offset >= payload.length) {
            throw new SenmlException("not valid CBOR: an item ends beyond the payload");
        }
        return (int) offset;
    }

    private static String truncate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }
}
