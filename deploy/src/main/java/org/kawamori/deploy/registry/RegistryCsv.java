package org.kawamori.deploy.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Every line is checked before anything is written: one bad line and nothing is imported.
 */
final class RegistryCsv {

    static final List<String> COLUMNS =
            List.of("type", "id", "municipality", "kind", "name", "lat", "lon", "secret", "experimental");

    /** The entries, or the problems of every bad line. */
    record Parsed(List<RegistryEntry> entries, List<String> problems) {}

    private RegistryCsv() {}

    static Parsed parse(String text) {
        List<CsvRows.Row> rows;
        try {
            rows = CsvRows.parse(text);
        } catch (IllegalArgumentException e) {
            return new Parsed(List.of(), List.of(e.getMessage()));
        }
        if (rows.isEmpty()) {
            return new Parsed(List.of(), List.of("the file is empty"));
        }
        List<String> header = rows.get(0).fields().stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        List<String> problems = new ArrayList<>();
        for (String required : List.of("type", "id", "municipality")) {
            if (!header.contains(required)) {
                problems.add("line 1: the header has no column '" + required + "'");
            }
        }
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                problems.add("line 1: unknown column '" + column + "'; known: " + String.join(",", COLUMNS));
            }
        }
        if (!problems.isEmpty()) {
            return new Parsed(List.of(), problems);
        }
        List<RegistryEntry> entries = new ArrayList<>();
        for (CsvRows.Row row : rows.subList(1, rows.size())) {
            try {
                entries.add(entry(new Line(row, header)));
            } catch (IllegalArgumentException e) {
                problems.add("line " + row.line() + ": " + e.getMessage());
            }
        }
        return new Parsed(problems.isEmpty() ? entries : List.of(), problems);
    }

    private static RegistryEntry entry(Line l) {
        String type = l.required("type").toLowerCase(Locale.ROOT);
        String id = l.required("id");
        MunicipalityCode municipality = municipality(l.required("municipality"));
        return switch (type) {
            case "sensor" ->
                new RegistryEntry.SensorEntry(
                        l.number,
                        new Sensor(
                                deviceId(id),
                                municipality,
                                SensorKind.valueOf(choice(l.required("kind"), "RIVER_GAUGE", "INUNDATION")),
                                l.required("name"),
                                position(l)
                                        .orElseThrow(() -> new IllegalArgumentException("a sensor needs lat and lon")),
                                Boolean.parseBoolean(l.optional("experimental").orElse("false")),
                                true),
                        l.optional("secret").map(String::toCharArray));
            case "gateway" ->
                new RegistryEntry.GatewayEntry(
                        l.number,
                        new Gateway(
                                deviceId(id),
                                municipality,
                                GatewayKind.valueOf(choice(l.required("kind"), "FIXED", "VEHICLE", "PHONE")),
                                position(l),
                                true),
                        l.optional("name").orElse(null),
                        l.optional("secret").map(String::toCharArray));
            case "tag" ->
                new RegistryEntry.TagEntry(
                        l.number, tagId(id), municipality, l.optional("name").orElse(null));
            default -> throw new IllegalArgumentException("type must be sensor, gateway or tag");
        };
    }

    private static Optional<GeoPoint> position(Line l) {
        Optional<String> lat = l.optional("lat");
        Optional<String> lon = l.optional("lon");
        if (lat.isEmpty() && lon.isEmpty()) {
            return Optional.empty();
        }
        if (lat.isEmpty() || lon.isEmpty()) {
            throw new IllegalArgumentException("lat and lon go together");
        }
        try {
            return Optional.of(new GeoPoint(Double.parseDouble(lat.get()), Double.parseDouble(lon.get())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lat and lon must be decimal degrees");
        }
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

    /** One data line, read through the header. */
    private static final class Line {
        final int number;
        private final CsvRows.Row row;
        private final List<String> header;

        Line(CsvRows.Row row, List<String> header) {
            this.number = row.line();
            this.row = row;
            this.header = header;
            if (row.fields().size() != header.size()) {
                throw new IllegalArgumentException(
                        "has " + row.fields().size() + " fields, the header " + header.size());
            }
        }

        String required(String column) {
            return optional(column).orElseThrow(() -> new IllegalArgumentException(column + " is required"));
        }

        Optional<String> optional(String column) {
            int index = header.indexOf(column);
            if (index < 0) {
                return Optional.empty();
            }
            String value = row.fields().get(index).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
    }
}
