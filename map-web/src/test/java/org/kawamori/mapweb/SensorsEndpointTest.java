package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorState;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.StoreUnavailableException;

class SensorsEndpointTest {

    static final Instant T = Instant.parse("2026-11-23T01:10:00Z");
    static final String ONO = MunicipalityCode.fromFiveDigits("28218").value();

    final Sensor kunikane = givenSensor("kunikane")
            .in("282103")
            .gauge()
            .at(34.7868, 134.8466)
            .named("国包 (加古川)")
            .build();
    final Sensor underpass = givenSensor("ono-underpass-1")
            .in(ONO)
            .inundationSensor()
            .at(34.853, 134.931)
            .named("<b>高架下</b> \"1\"")
            .experimental()
            .build();
    final Sensor retired =
            givenSensor("retired").in("282103").gauge().disabled().build();
    final InMemorySensorRegistry registry =
            new InMemorySensorRegistry().with(kunikane).with(underpass).with(retired);
    final InMemoryReadingQueries queries = new InMemoryReadingQueries(registry)
            .with(
                    reading(kunikane, T.minusSeconds(600), Quantity.WATER_LEVEL, 2.10),
                    reading(kunikane, T, Quantity.WATER_LEVEL, 2.34),
                    reading(kunikane, T.plusSeconds(60), Quantity.BATTERY, 88),
                    reading(underpass, T, Quantity.BATTERY, 95));

    TestServer web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    static Reading reading(Sensor sensor, Instant time, Quantity quantity, double value) {
        return new Reading(sensor.id(), sensor.municipality(), time, quantity, value);
    }

    @Test
    void lists_every_enabled_sensor_as_a_geojson_point_feature_with_its_latest_reading() {
        web = TestServer.start(registry, queries, List.of());

        HttpResponse<String> response = web.get("/api/v1/sensors");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.contentType(response)).startsWith("application/geo+json");
        JsonNode body = TestServer.json(response);
        assertThat(body.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(body.path("features")).hasSize(2);
        JsonNode feature = body.path("features").get(0);
        assertThat(feature.path("type").asText()).isEqualTo("Feature");
        assertThat(feature.path("id").asText()).isEqualTo("kunikane");
        assertThat(feature.path("geometry").path("type").asText()).isEqualTo("Point");
        assertThat(feature.path("geometry").path("coordinates").get(0).asDouble())
                .isEqualTo(134.8466);
        assertThat(feature.path("geometry").path("coordinates").get(1).asDouble())
                .isEqualTo(34.7868);
        JsonNode p = feature.path("properties");
        assertThat(p.path("id").asText()).isEqualTo("kunikane");
        assertThat(p.path("municipality").asText()).isEqualTo("282103");
        assertThat(p.path("municipalityName").asText()).isEqualTo("加古川市");
        assertThat(p.path("kind").asText()).isEqualTo("RIVER_GAUGE");
        assertThat(p.path("name").asText()).isEqualTo("国包 (加古川)");
        assertThat(p.path("experimental").asBoolean()).isFalse();
        JsonNode latest = p.path("latest");
        assertThat(latest.path("time").asText()).isEqualTo("2026-11-23T01:10:00Z");
        assertThat(latest.path("value").asDouble()).isEqualTo(2.34);
        assertThat(latest.path("unit").asText()).isEqualTo("m");
        assertThat(latest.path("quantity").asText()).isEqualTo("level");
    }

    @Test
    void gives_a_sensor_that_never_reported_its_primary_quantity_a_null_latest() {
        web = TestServer.start(registry, queries, List.of());

        JsonNode silent = TestServer.json(web.get("/api/v1/sensors"))
                .path("features")
                .get(1)
                .path("properties");

        assertThat(silent.path("id").asText()).isEqualTo("ono-underpass-1");
        assertThat(silent.has("latest")).isTrue();
        assertThat(silent.path("latest").isNull()).isTrue();
        assertThat(silent.path("kind").asText()).isEqualTo("INUNDATION");
        assertThat(silent.path("municipalityName").asText()).isEqualTo("小野市");
        assertThat(silent.path("experimental").asBoolean()).isTrue();
        assertThat(silent.path("name").asText()).isEqualTo("<b>高架下</b> \"1\"");
    }

    @Test
    void answers_503_problem_when_the_store_is_unavailable() {
        ReadingQueries down = new ReadingQueries() {
            @Override
            public List<SensorState> latestStates() {
                throw new StoreUnavailableException("database down", null);
            }

            @Override
            public List<Reading> readings(DeviceId device, Instant from, Instant to, int limit) {
                throw new StoreUnavailableException("database down", null);
            }
        };
        web = TestServer.start(registry, down, List.of());

        HttpResponse<String> response = web.get("/api/v1/sensors");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(TestServer.contentType(response)).startsWith("application/problem+json");
        assertThat(TestServer.json(response).path("status").asInt()).isEqualTo(503);
    }
}
