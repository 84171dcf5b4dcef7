package org.kawamori.core.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.Municipalities;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;
import org.kawamori.core.TagId;

/**
 * The CSV of a bulk registry import. The header names the columns, in any order:
 *
 * <pre>
 * type,id,municipality,kind,name,lat,lon,secret,experimental
 * sensor,kunikane,282103,RIVER_GAUGE,加古川 国包,34.7868,134.8466,s3cret,false
 * gateway,cam-0142,282103,FIXED,加古川駅前,34.757,134.8412,gw-secret,
 * gateway,phone-7f3a,282162,PHONE,,,,tok,
 * tag,tag-0001,282103,,,,,,
 * </pre>
 *
 * {@code type} is sensor, gateway or tag; {@code kind} is RIVER_GAUGE or INUNDATION for sensors and
 * FIXED, VEHICLE or PHONE for gateways; {@code secret} (an MQTT password, a gateway token) is hashed
 * on import and may be empty (a sensor or gateway that cannot log in yet; an existing secret is kept).
 * Every line is checked before anything is written: one bad line and nothing is imported. The same
 * checks apply to a single entry given as named fields ({@link #entry(EntryType, Map)}: the admin API's
 * JSON, the command line's {@code registry add}). Problems never quote a secret or a tag id.
 */
public final class RegistryCsv {

    public static final List<String> COLUMNS =
            List.of("type", "id", "municipality", "kind", "name", "lat", "lon", "secret", "experimental");

    /** A problem of one line ({@code line} 1 is the header; 0 means the whole text). */
    public record LineProblem(int line, String detail) {
        @Override
        public String toString() {
            return line == 0 ? detail : "line " + line + ": " + detail;
        }
    }

    /** The entries, or the problems of every bad line (and then no entry). */
    public record Parsed(List<RegistryEntry> entries, List<LineProblem> problems) {
        public Parsed {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private RegistryCsv() {}

    public static Parsed parse(String text) {
        List<CsvRows.Row> rows;
        try {
            rows = CsvRows.parse(text);
        } catch (CsvRows.MalformedCsvException e) {
            return new Parsed(List.of(), List.of(new LineProblem(e.line(), e.problem())));
        }
        if (rows.isEmpty()) {
            return new Parsed(List.of(), List.of(new LineProblem(0, "the file is empty")));
        }
        List<String> header = rows.get(0).fields().stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        List<LineProblem> problems = new ArrayList<>();
        for (String required : List.of("type", "id", "municipality")) {
            if (!header.contains(required)) {
                problems.add(new LineProblem(1, "the header has no column '" + required + "'"));
            }
        }
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                problems.add(
                        new LineProblem(1, "unknown column '" + column + "'; known: " + String.join(",", COLUMNS)));
            }
        }
        if (!problems.isEmpty()) {
            return new Parsed(List.of(), problems);
        }
        List<RegistryEntry> entries = new ArrayList<>();
        Map<String, Integer> firstLineOf = new HashMap<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            try {
                if (row.fields().size() != header.size()) {
                    throw new IllegalArgumentException(
                            "has " + row.fields().size() + " fields, the header " + header.size());
                }
                Fields fields = column -> {
                    int index = header.indexOf(column);
                    return index < 0 ? Optional.empty() : present(row.fields().get(index));
                };
                RegistryEntry entry = entry(row.line(), fields);
                Integer first = firstLineOf.putIfAbsent(key(entry), row.line());
                if (first != null) {
                    throw new IllegalArgumentException(
                            (entry instanceof RegistryEntry.TagEntry ? "the same tag" : entry.describe())
                                    + " is on line " + first + " already");
                }
                entries.add(entry);
            } catch (IllegalArgumentException e) {
                problems.add(new LineProblem(row.line(), e.getMessage()));
            }
        }
        return new Parsed(problems.isEmpty() ? entries : List.of(), problems);
    }

    /**
     * One entry from named fields (the columns of the CSV except {@code type}; absent, null or blank
     * values count as empty), checked as a CSV line is.
     *
     * @throws IllegalArgumentException naming the first problem (never quoting a secret or tag id)
     */
    public static RegistryEntry entry(EntryType type, Map<String, String> values) {
        for (String column : values.keySet()) {
            if (!COLUMNS.contains(column) || column.equals("type")) {
                throw new IllegalArgumentException("unknown field '" + column + "'; known: "
                        + String.join(",", COLUMNS.subList(1, COLUMNS.size())));
            }
        }
        return entry(0, column -> column.equals("type") ? Optional.of(type.label()) : present(values.get(column)));
    }

    private static String key(RegistryEntry entry) {
        if (entry instanceof RegistryEntry.SensorEntry s) {
            return "sensor " + s.sensor().id().value();
        }
        if (entry instanceof RegistryEntry.GatewayEntry g) {
            return "gateway " + g.gateway().id().value();
        }
        return "tag " + ((RegistryEntry.TagEntry) entry).tag().value();
    }

    private static Optional<String> present(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.strip());
    }

    private static RegistryEntry entry(int line, Fields l) {
        String type = l.required("type").toLowerCase(Locale.ROOT);
        String id = l.required("id");
        MunicipalityCode municipality = municipality(l.required("municipality"));
        return switch (type) {
            case "sensor" ->
                new RegistryEntry.SensorEntry(
                        line,
                        new Sensor(
                                deviceId(id),
                                municipality,
                                SensorKind.valueOf(choice(l.required("kind"), "RIVER_GAUGE", "INUNDATION")),
                                name(l.required("name")),
                                position(l)
                                        .orElseThrow(() -> new IllegalArgumentException("a sensor needs lat and lon")),
                                bool(l.optional("experimental").orElse("false")),
                                true),
                        l.optional("secret").map(String::toCharArray));
            case "gateway" ->
                new RegistryEntry.GatewayEntry(
                        line,
                        new Gateway(
                                deviceId(id),
                                municipality,
                                GatewayKind.valueOf(choice(l.required("kind"), "FIXED", "VEHICLE", "PHONE")),
                                position(l),
                                true),
                        l.optional("name").map(RegistryCsv::name).orElse(null),
                        l.optional("secret").map(String::toCharArray));
            case "tag" ->
                new RegistryEntry.TagEntry(
                        line,
                        tagId(id),
                        municipality,
                        l.optional("name").map(RegistryCsv::name).orElse(null));
            default -> throw new IllegalArgumentException("type must be sensor, gateway or tag");
        };
    }

    private static String name(String name) {
        if (name.length() > 200) {
            throw new IllegalArgumentException("a name has at most 200 characters");
        }
        return name;
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("experimental must be true or false");
        };
    }

    private static Optional<GeoPoint> position(Fields l) {
        Optional<String> lat = l.optional("lat");
        Optional<String> lon = l.optional("lon");
        if (lat.isEmpty() && lon.isEmpty()) {
            return Optional.empty();
        }
        if (lat.isEmpty() || lon.isEmpty()) {
            throw new IllegalArgumentException("lat and lon go together");
        }
        double latitude;
        double longitude;
        try {
            latitude = Double.parseDouble(lat.get());
            longitude = Double.parseDouble(lon.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lat and lon must be decimal degrees");
        }
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("lat must be within ±90 and lon within ±180 degrees");
        }
        return Optional.of(new GeoPoint(latitude, longitude));
    }

    private static String choice(String value, String... allowed) {
        String upper = value.toUpperCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(upper)) {
                return a;
            }
        }
        throw new IllegalArgumentException("kind must be one of " + String.join(", ", allowed));
    }

    private static MunicipalityCode municipality(String code) {
        if (!MunicipalityCode.isValid(code)) {
            throw new IllegalArgumentException(
                    "municipality must be a 6-digit local government code with its check digit");
        }
        MunicipalityCode municipality = MunicipalityCode.of(code);
        if (Municipalities.find(municipality).isEmpty()) {
            throw new IllegalArgumentException("municipality " + code + " is not one of the basin's");
        }
        return municipality;
    }

    private static DeviceId deviceId(String id) {
        if (!DeviceId.isValid(id)) {
            throw new IllegalArgumentException("id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return DeviceId.of(id);
    }

    private static TagId tagId(String id) {
        try {
            return new TagId(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a tag id must be 1-64 letters, digits, '.', '_', ':' or '-'");
        }
    }

    /** The values of one entry by column; empty for absent or blank ones. */
    @FunctionalInterface
    private interface Fields {
        Optional<String> optional(String column);

        default String required(String column) {
            return optional(column).orElseThrow(() -> new IllegalArgumentException(column + " is required"));
        }
    }
}
