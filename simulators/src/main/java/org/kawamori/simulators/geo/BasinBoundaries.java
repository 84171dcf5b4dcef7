package org.kawamori.simulators.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;

/**
 * The basin municipalities' boundaries (MLIT 国土数値情報 行政区域, simplified; see {@code
 * geo/CREDIT.md}), so that every simulated device is placed inside the municipality it is registered
 * to. Point in polygon by ray casting over each polygon's outer ring (the simplified data has no holes
 * that matter at this scale).
 */
public final class BasinBoundaries {

    private static final String RESOURCE = "/org/kawamori/simulators/geo/kakogawa_basin_municipalities.geojson";
    private static final BasinBoundaries KAKOGAWA = load();

    private final Map<MunicipalityCode, List<double[][]>> rings;

    private BasinBoundaries(Map<MunicipalityCode, List<double[][]>> rings) {
        this.rings = rings;
    }

    /** The bundled boundaries of the Kakogawa basin's municipalities. */
    public static BasinBoundaries kakogawa() {
        return KAKOGAWA;
    }

    /** The municipality whose boundary holds {@code point}, if any of the basin's does. */
    public Optional<MunicipalityCode> municipalityAt(GeoPoint point) {
        return rings.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(ring -> inside(ring, point)))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Whether {@code point} lies inside {@code municipality}'s boundary. */
    public boolean contains(MunicipalityCode municipality, GeoPoint point) {
        return rings.getOrDefault(municipality, List.of()).stream().anyMatch(ring -> inside(ring, point));
    }

    private static boolean inside(double[][] ring, GeoPoint p) {
        boolean in = false;
        double lat = p.latitude();
        double lon = p.longitude();
        for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            double xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }

    private static BasinBoundaries load() {
        try (InputStream in = BasinBoundaries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<MunicipalityCode, List<double[][]>> rings = new LinkedHashMap<>();
            for (JsonNode feature : root.path("features")) {
                MunicipalityCode code = MunicipalityCode.fromFiveDigits(
                        feature.path("properties").path("N03_007").asText());
                JsonNode geometry = feature.path("geometry");
                List<JsonNode> polygons = new ArrayList<>();
                if (geometry.path("type").asText().equals("MultiPolygon")) {
                    geometry.path("coordinates").forEach(polygons::add);
                } else {
                    polygons.add(geometry.path("coordinates"));
                }
                for (JsonNode polygon : polygons) {
                    JsonNode outer = polygon.get(0);
                    double[][] ring = new double[outer.size()][];
                    for (int i = 0; i < outer.size(); i++) {
                        ring[i] = new double[] {
                            outer.get(i).get(0).asDouble(), outer.get(i).get(1).asDouble()
                        };
                    }
                    rings.computeIfAbsent(code, c -> new ArrayList<>()).add(ring);
                }
            }
            return new BasinBoundaries(java.util.Collections.unmodifiableMap(rings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
