package org.kawamori.routing.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.TagId;
import org.kawamori.core.ble.BleAdvertisement;

/**
 * Decodes a gateway's detection batch, version 1 (docs/gateway-batch.md). Strict: unknown fields,
 * duplicate keys, values of the wrong type and times outside the window refuse the whole batch; the
 * gateway fixes and resends it, and the dead-letter keeps the reason.
 */
public final class GatewayBatchDecoder {

    private static final Set<String> BATCH_FIELDS = Set.of("v", "gateway", "sent", "position", "detections");
    private static final Set<String> DETECTION_FIELDS = Set.of("tag", "adv", "time", "rssi", "position");
    private static final Set<String> POSITION_FIELDS = Set.of("lat", "lon", "accuracy");
    private static final double MAX_ACCURACY_METRES = 10_000;
    /** 3000-01-01T00:00:00Z: a later epoch time is a mistake, not a detection. */
    private static final long LATEST_EPOCH_SECOND = 32_503_680_000L;

    private final ObjectMapper mapper;
    private final int maxDetections;
    private final Duration maxAge;
    private final Duration maxAhead;

    /**
     * @param maxDetections most detections in one batch
     * @param maxAge how old a detection may be when it arrives (gateways that buffer while offline)
     * @param maxAhead how far ahead of the server clock a detection may be stamped
     */
    public GatewayBatchDecoder(int maxDetections, Duration maxAge, Duration maxAhead) {
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        this.mapper
                .getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(4)
                        .maxStringLength(1_024)
                        .maxNumberLength(32)
                        .build());
        this.maxDetections = maxDetections;
        this.maxAge = maxAge;
        this.maxAhead = maxAhead;
    }

    public GatewayBatch decode(byte[] payload, Instant now) throws GatewayBatchException {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            BatchProblem problem =
                    e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                            ? BatchProblem.DUPLICATE_FIELD
                            : BatchProblem.MALFORMED_JSON;
            throw new GatewayBatchException(
                    problem,
                    problem == BatchProblem.DUPLICATE_FIELD
                            ? "a field appears twice"
                            : "not well-formed JSON" + where(e));
        } catch (IOException e) {
            throw new GatewayBatchException(BatchProblem.MALFORMED_JSON, "not readable JSON");
        }
        if (root == null || !root.isObject()) {
            throw new GatewayBatchException(BatchProblem.NOT_AN_OBJECT, "a batch is a JSON object");
        }
        onlyKnownFields(root, BATCH_FIELDS, () -> "the batch");
        JsonNode version = root.get("v");
        // canConvertToInt: asInt() would cast 4294967297 down to 1
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() != 1) {
            throw new GatewayBatchException(BatchProblem.UNSUPPORTED_VERSION, "\"v\" must be 1");
        }
        Optional<String> gateway = Optional.empty();
        if (root.has("gateway")) {
            if (!root.get("gateway").isTextual()) {
                throw new GatewayBatchException(BatchProblem.BAD_GATEWAY, "\"gateway\" must be a string");
            }
            gateway = Optional.of(root.get("gateway").asText());
        }
        if (root.has("sent")) {
            time(root.get("sent"), () -> "\"sent\"");
        }
        Optional<GatewayBatch.Located> batchPosition = root.has("position")
                ? Optional.of(position(root.get("position"), () -> "the batch"))
                : Optional.empty();
        JsonNode list = root.get("detections");
        if (list == null) {
            throw new GatewayBatchException(BatchProblem.MISSING_FIELD, "\"detections\" is required");
        }
        if (!list.isArray()) {
            throw new GatewayBatchException(BatchProblem.MALFORMED_JSON, "\"detections\" must be an array");
        }
        if (list.isEmpty()) {
            throw new GatewayBatchException(BatchProblem.EMPTY_BATCH, "\"detections\" is empty");
        }
        if (list.size() > maxDetections) {
            throw new GatewayBatchException(
                    BatchProblem.TOO_MANY_DETECTIONS,
                    list.size() + " detections, at most " + maxDetections + " in one batch");
        }
        List<GatewayBatch.Heard> heard = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            heard.add(detection(list.get(i), i + 1, now));
        }
        return new GatewayBatch(gateway, batchPosition, heard);
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null
                ? " (beyond a limit of depth or length)"
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    /**
     * One detection; {@code number} counts from 1 and names it in an error message, whose text is
     * built only then (a batch of 50 built a hundred strings for nothing).
     */
    private GatewayBatch.Heard detection(JsonNode d, int number, Instant now) throws GatewayBatchException {
        Supplier<String> where = () -> "detection " + number;
        if (!d.isObject()) {
            throw new GatewayBatchException(BatchProblem.MALFORMED_JSON, where.get() + " is not an object");
        }
        onlyKnownFields(d, DETECTION_FIELDS, where);
        if (d.has("tag") == d.has("adv")) {
            throw new GatewayBatchException(
                    BatchProblem.TAG_AND_ADV, where.get() + " needs exactly one of \"tag\" and \"adv\"");
        }
        JsonNode timeNode = d.get("time");
        if (timeNode == null) {
            throw new GatewayBatchException(BatchProblem.MISSING_FIELD, where.get() + ": \"time\" is required");
        }
        Instant time = time(timeNode, () -> where.get() + " \"time\"");
        if (time.isBefore(now.minus(maxAge)) || time.isAfter(now.plus(maxAhead))) {
            throw new GatewayBatchException(
                    BatchProblem.TIME_OUT_OF_WINDOW,
                    where.get() + ": the time lies more than " + maxAge.toHours() + " h in the past or "
                            + maxAhead.toSeconds() + " s in the future");
        }
        JsonNode rssiNode = d.get("rssi");
        if (rssiNode == null) {
            throw new GatewayBatchException(BatchProblem.MISSING_FIELD, where.get() + ": \"rssi\" is required");
        }
        if (!rssiNode.isIntegralNumber()
                || !rssiNode.canConvertToInt()
                || rssiNode.asInt() < -127
                || rssiNode.asInt() > 20) {
            throw new GatewayBatchException(
                    BatchProblem.BAD_RSSI, where.get() + ": \"rssi\" must be a whole number -127..20 dBm");
        }
        int rssi = rssiNode.asInt();
        Optional<GatewayBatch.Located> position =
                d.has("position") ? Optional.of(position(d.get("position"), where)) : Optional.empty();
        if (d.has("tag")) {
            JsonNode tag = d.get("tag");
            if (tag.isTextual()) {
                try {
                    return new GatewayBatch.HeardTag(new TagId(tag.asText()), time, rssi, position);
                } catch (IllegalArgumentException badForm) {
                    // refused below, as a tag that is not text
                }
            }
            throw new GatewayBatchException(
                    BatchProblem.BAD_TAG, where.get() + ": \"tag\" must be 1-64 letters, digits, '.', '_', ':' or '-'");
        }
        JsonNode adv = d.get("adv");
        String hex = adv.isTextual() ? adv.asText() : "";
        if (hex.isEmpty()
                || hex.length() % 2 != 0
                || hex.length() > 2 * BleAdvertisement.MAX_BYTES
                || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new GatewayBatchException(
                    BatchProblem.BAD_ADV,
                    where.get() + ": \"adv\" must be the advertisement's bytes in hex, at most "
                            + BleAdvertisement.MAX_BYTES + " bytes");
        }
        return new GatewayBatch.HeardAdvertisement(hex, time, rssi, position);
    }

    /** ISO 8601 with a zone offset, or seconds since the epoch (fractions allowed). */
    private static Instant time(JsonNode node, Supplier<String> what) throws GatewayBatchException {
        try {
            if (node.isTextual()) {
                return OffsetDateTime.parse(node.asText()).toInstant();
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                long seconds = node.longValue();
                if (seconds < 0 || seconds > LATEST_EPOCH_SECOND) {
                    throw new GatewayBatchException(
                            BatchProblem.BAD_TIME, what.get() + " is not a plausible epoch time");
                }
                return Instant.ofEpochSecond(seconds); // the usual case, without BigDecimal
            }
            if (node.isNumber()) {
                BigDecimal seconds = node.decimalValue();
                if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(LATEST_EPOCH_SECOND)) > 0) {
                    throw new GatewayBatchException(
                            BatchProblem.BAD_TIME, what.get() + " is not a plausible epoch time");
                }
                long whole = seconds.longValue();
                long nanos = seconds.subtract(BigDecimal.valueOf(whole))
                        .movePointRight(9)
                        .longValue();
                return Instant.ofEpochSecond(whole, nanos);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // fall through
        }
        throw new GatewayBatchException(
                BatchProblem.BAD_TIME, what.get() + " must be ISO 8601 with a zone offset or seconds since the epoch");
    }

    private static GatewayBatch.Located position(JsonNode p, Supplier<String> where) throws GatewayBatchException {
        if (!p.isObject()) {
            throw new GatewayBatchException(
                    BatchProblem.BAD_POSITION, where.get() + ": \"position\" must be an object");
        }
        onlyKnownFields(p, POSITION_FIELDS, () -> where.get() + " position");
        JsonNode lat = p.get("lat");
        JsonNode lon = p.get("lon");
        if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
            throw new GatewayBatchException(
                    BatchProblem.BAD_POSITION, where.get() + ": a position needs numbers lat and lon");
        }
        double accuracy = Double.NaN;
        if (p.has("accuracy")) {
            JsonNode a = p.get("accuracy");
            if (!a.isNumber() || a.asDouble() < 0 || a.asDouble() > MAX_ACCURACY_METRES) {
                throw new GatewayBatchException(
                        BatchProblem.BAD_POSITION, where.get() + ": \"accuracy\" must be 0..10000 metres");
            }
            accuracy = a.asDouble();
        }
        try {
            return new GatewayBatch.Located(new GeoPoint(lat.asDouble(), lon.asDouble()), accuracy);
        } catch (IllegalArgumentException e) {
            throw new GatewayBatchException(BatchProblem.BAD_POSITION, where.get() + ": lat or lon out of range");
        }
    }

    private static void onlyKnownFields(JsonNode node, Set<String> known, Supplier<String> where)
            throws GatewayBatchException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new GatewayBatchException(
                        BatchProblem.UNKNOWN_FIELD,
                        where.get() + " has an unknown field (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
