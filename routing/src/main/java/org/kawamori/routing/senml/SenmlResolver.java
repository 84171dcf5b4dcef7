package org.kawamori.routing.senml;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the raw records of a SenML pack, as maps of field name to value (the same for the JSON and
 * the CBOR encoding), into resolved records, following RFC 8428:
 *
 * <ul>
 *   <li>base fields (bn, bt, bu, bv, bs) apply to the record that carries them and to all later
 *       records until a later record sets them again (§4.1);
 *   <li>name = bn + n, which must match the name grammar of §4.5.1;
 *   <li>time = bt + t; a result below 2^28 is relative to now (§4.5.3);
 *   <li>value = bv + v, sum = bs + s; a record has exactly one value field or a sum (§4.2);
 *   <li>an unknown field whose label ends in "_" must be understood, so the pack is refused (§4.4);
 *   <li>bver above 10 is refused.
 * </ul>
 */
public final class SenmlResolver {

    /** Times below 2^28 s are relative to "now" (RFC 8428 §4.5.3). */
    static final double RELATIVE_TIME_LIMIT = Math.pow(2, 28);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-:./_]*");
    private static final Set<String> KNOWN =
            Set.of("bn", "bt", "bu", "bv", "bs", "bver", "n", "u", "v", "vs", "vb", "vd", "s", "t", "ut");

    private final int maxRecords;

    public SenmlResolver(int maxRecords) {
        this.maxRecords = maxRecords;
    }

    public List<SenmlRecord> resolve(List<Map<String, Object>> pack, Instant now) throws SenmlException {
        if (pack.isEmpty()) {
            throw new SenmlException("the SenML pack has no records");
        }
        if (pack.size() > maxRecords) {
            throw new SenmlException("the SenML pack has " + pack.size() + " records, more than " + maxRecords);
        }
        String baseName = "";
        double baseTime = 0;
        String baseUnit = null;
        double baseValue = 0;
        double baseSum = 0;
        List<SenmlRecord> resolved = new ArrayList<>(pack.size());
        int index = 0;
        for (Map<String, Object> raw : pack) {
            String where = "record " + index++;
            for (String key : raw.keySet()) {
                if (!KNOWN.contains(key) && key.endsWith("_")) {
                    throw new SenmlException(where + " has the must-understand field '" + key + "'");
                }
            }
            if (raw.containsKey("bver")) {
                double version = number(raw, "bver", where);
                if (version > 10) {
                    throw new SenmlException(where + " needs SenML version " + version + ", this server speaks 10");
                }
            }
            if (raw.containsKey("bn")) {
                baseName = text(raw, "bn", where);
            }
            if (raw.containsKey("bt")) {
                baseTime = number(raw, "bt", where);
            }
            if (raw.containsKey("bu")) {
                baseUnit = text(raw, "bu", where);
            }
            if (raw.containsKey("bv")) {
                baseValue = number(raw, "bv", where);
            }
            if (raw.containsKey("bs")) {
                baseSum = number(raw, "bs", where);
            }
            String name = baseName + (raw.containsKey("n") ? text(raw, "n", where) : "");
            if (name.isEmpty() || !NAME.matcher(name).matches()) {
                throw new SenmlException(where + " has an invalid or empty name");
            }
            String unit = raw.containsKey("u") ? text(raw, "u", where) : baseUnit;
            double t = baseTime + (raw.containsKey("t") ? number(raw, "t", where) : 0);
            Instant time = toInstant(t, now, where);

            int valueFields = 0;
            Optional<Double> value = Optional.empty();
            Optional<String> stringValue = Optional.empty();
            Optional<Boolean> booleanValue = Optional.empty();
            Optional<String> dataValue = Optional.empty();
            Optional<Double> sum = Optional.empty();
            if (raw.containsKey("v")) {
                value = Optional.of(baseValue + number(raw, "v", where));
                valueFields++;
            }
            if (raw.containsKey("vs")) {
                stringValue = Optional.of(text(raw, "vs", where));
                valueFields++;
            }
            if (raw.containsKey("vb")) {
                Object vb = raw.get("vb");
                if (!(vb instanceof Boolean b)) {
                    throw new SenmlException(where + " has a 'vb' that is not a boolean");
                }
                booleanValue = Optional.of(b);
                valueFields++;
            }
            if (raw.containsKey("vd")) {
                dataValue = Optional.of(text(raw, "vd", where));
                valueFields++;
            }
            if (raw.containsKey("s")) {
                sum = Optional.of(baseSum + number(raw, "s", where));
            }
            if (valueFields > 1) {
                throw new SenmlException(where + " has more than one value field");
            }
            if (valueFields == 0 && sum.isEmpty()) {
                throw new SenmlException(where + " has no value");
            }
            resolved.add(new SenmlRecord(
                    name, Optional.ofNullable(unit), time, value, stringValue, booleanValue, dataValue, sum));
        }
        return resolved;
    }

    private static Instant toInstant(double seconds, Instant now, String where) throws SenmlException {
        if (!Double.isFinite(seconds)) {
            throw new SenmlException(where + " has a time that is not a finite number");
        }
        BigDecimal exact = BigDecimal.valueOf(seconds);
        if (Math.abs(seconds) < RELATIVE_TIME_LIMIT) {
            return now.plusNanos(exact.movePointRight(9).longValue());
        }
        if (seconds > 32503680000d) { // year 3000: nonsense, not worth an overflow
            throw new SenmlException(where + " has a time beyond the year 3000");
        }
        // Before year 0: nonsense too. Below -2^63 the long conversion below would wrap around (and
        // could land on today), below Instant.MIN it would throw.
        if (seconds < -62167219200d) {
            throw new SenmlException(where + " has a time before the year 0");
        }
        long whole = exact.longValue();
        long nanos = exact.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static double number(Map<String, Object> raw, String key, String where) throws SenmlException {
        Object v = raw.get(key);
        if (!(v instanceof Number n)) {
            throw new SenmlException(where + " has a '" + key + "' that is not a number");
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new SenmlException(where + " has a '" + key + "' that is not a finite number");
        }
        return d;
    }

    private static String text(Map<String, Object> raw, String key, String where) throws SenmlException {
        Object v = raw.get(key);
        if (!(v instanceof String s)) {
            throw new SenmlException(where + " has a '" + key + "' that is not a string");
        }
        return s;
    }
}
