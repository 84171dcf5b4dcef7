package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kawamori.deploy.fixtures.GaugeRecord;
import org.kawamori.deploy.fixtures.GaugeStream;
import org.kawamori.deploy.fixtures.LocalPostgres;
import org.kawamori.deploy.fixtures.PrivateMosquitto;
import org.kawamori.deploy.fixtures.ServingJar;

/**
 * The production command of the packaged jar, as a container runs it: configured by environment
 * variables and secret files only, against the machine's PostgreSQL and a Mosquitto of the test's
 * own (runs after {@code package}, failsafe).
 */
class ServeIT {

    private static final String DB_PASSWORD = "db-secret-7f3a9c1e55";
    private static final String MQTT_PASSWORD = "mqtt-secret-2b8d4e6f77";
    private static final String ADMIN_TOKEN = "admin-token-9c2e7a4b1d6f3e8a";
    private static final String GAUGE = "serve-gauge-1";
    private static final int MESSAGES = 400;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("KAWAMORI_DB_PASSWORD", "postgres", "KAWAMORI_DB_PASSWORD is a well-known default"),
                Arguments.of("KAWAMORI_MQTT_PASSWORD", null, "KAWAMORI_MQTT_PASSWORD is not set"),
                Arguments.of("KAWAMORI_ADMIN_TOKEN", "changeme", "KAWAMORI_ADMIN_TOKEN is a well-known default"),
                Arguments.of("KAWAMORI_HTTPS_CERT", null, "KAWAMORI_HTTPS_CERT and KAWAMORI_HTTPS_KEY"),
                Arguments.of("KAWAMORI_DB_URL", null, "KAWAMORI_DB_URL is not set"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("refusals")
    void serveRefusesToStartWithAMissingOrDefaultCredentialAndSaysWhichWithoutPrintingSecrets(
            String setting, String value, String reason) throws Exception {
        ServingJar serve = ServingJar.against("tcp://127.0.0.1:1", "jdbc:postgresql://127.0.0.1:1/none?user=kawamori")
                .with("KAWAMORI_DB_PASSWORD", DB_PASSWORD)
                .with("KAWAMORI_MQTT_PASSWORD", MQTT_PASSWORD)
                .with(setting, value)
                .launch();

        int exit = serve.awaitExit(Duration.ofSeconds(60));

        assertThat(exit).as("exit code of a refused start").isEqualTo(2);
        assertThat(serve.output()).contains("serve refuses to start").contains(reason);
        assertThat(serve.output()).doesNotContain(DB_PASSWORD).doesNotContain(MQTT_PASSWORD);
        if (value != null) {
            assertThat(serve.output()).as("the refused value itself").doesNotContain("= " + value);
        }
    }

    @Test
    void serveTakesReadingsFromTheBrokerLogsJsonWithoutSecretsAndDrainsOnSigtermSoThatNothingIsLost() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.started();
                LocalPostgres postgres = new LocalPostgres()) {
            // the machine's PostgreSQL trusts local connections: the password is checked by serve only
            ServingJar serve = ServingJar.against(broker.url(), postgres.jdbcUrl())
                    .withSecretFile("KAWAMORI_DB_PASSWORD", DB_PASSWORD)
                    .withSecretFile("KAWAMORI_MQTT_PASSWORD", MQTT_PASSWORD)
                    .withSecretFile("KAWAMORI_ADMIN_TOKEN", ADMIN_TOKEN)
                    .with("KAWAMORI_LOG_FORMAT", "json")
                    .start();
            try {
                assertThat(get(serve.baseUrl() + "health/live").statusCode()).isEqualTo(200);
                assertThat(get(serve.baseUrl() + "health/ready").statusCode()).isEqualTo(200);
                register(serve.baseUrl(), GAUGE);
                GaugeRecord gauge = GaugeRecord.of(GAUGE, postgres.jdbcUrl());

                try (GaugeStream stream = GaugeStream.of(GAUGE, MESSAGES)
                        .levels(i -> 1.0 + i / 1000.0)
                        .every(Duration.ofMillis(10))
                        .to(broker.url())) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> gauge.rows() >= 100);
                    assertThat(get(serve.baseUrl() + "metrics").body())
                            .containsPattern("kawamori_ingest_messages_total\\{kind=\"readings\"\\} [1-9]");

                    assertThat(get(serve.baseUrl() + "ngsi-ld/v1/entities?type=WaterObserved&options=keyValues")
                                    .body())
                            .as("the standard data view of the same gauge")
                            .contains("\"urn:ngsi-ld:WaterObserved:" + GAUGE + "\"");

                    serve.terminate(); // SIGTERM mid-stream
                    int exit = serve.awaitExit(Duration.ofSeconds(45));
                    long storedAtStop = gauge.rows();
                    assertThat(serve.output())
                            .as("exit %d", exit)
                            .contains("stopping: draining messages in flight", "\"stopped\"");
                    assertJsonLinesWithoutSecrets(serve.output());

                    serve.start(); // the same instance id: the broker kept its session and queue
                    stream.awaitAllSent(Duration.ofSeconds(120));
                    await().atMost(Duration.ofSeconds(90)).until(() -> gauge.rows() == MESSAGES);

                    assertThat(storedAtStop).as("the stop came in the middle").isLessThan(MESSAGES);
                    assertThat(gauge.distinctTimes()).as("no duplicates").isEqualTo(MESSAGES);
                    assertThat(gauge.deadLetters()).as("nothing refused").isZero();
                }
            } finally {
                serve.kill();
            }
        }
    }

    private static void register(String web, String sensor) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(web + "api/v1/admin/import"))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "type,id,municipality,kind,name,lat,lon,secret,experimental\n" + "sensor," + sensor
                                        + ",282103,RIVER_GAUGE,Serve gauge,34.76,134.84,,false\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("import: %s", answer.body()).isEqualTo(200);
    }

    /** Every line is one JSON object with a level and a message; no secret appears anywhere. */
    private static void assertJsonLinesWithoutSecrets(String output) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(line).as("a JSON log line").startsWith("{");
            var event = json.readTree(line);
            assertThat(event.has("level") && event.has("formattedMessage"))
                    .as("level and message in %s", line)
                    .isTrue();
        }
        assertThat(output)
                .doesNotContain(DB_PASSWORD)
                .doesNotContain(MQTT_PASSWORD)
                .doesNotContain(ADMIN_TOKEN);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
