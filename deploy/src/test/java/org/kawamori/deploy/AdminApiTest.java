package org.kawamori.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.port.DeviceCredentials;
import org.kawamori.core.security.PasswordHash;
import org.kawamori.deploy.fixtures.LocalPostgres;
import org.kawamori.deploy.fixtures.LogCapture;
import org.kawamori.deploy.registry.RegistryCommand;
import org.kawamori.mapweb.AdminAuth;
import org.kawamori.mapweb.AdminTokenAuth;
import org.kawamori.mapweb.MapWebServer;
import org.kawamori.mapweb.WebConfig;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.PostgresDevicePsks;
import org.kawamori.timeseries.PostgresGatewayRegistry;
import org.kawamori.timeseries.PostgresReadingStore;
import org.kawamori.timeseries.PostgresRegistryAdmin;
import org.kawamori.timeseries.PostgresSensorRegistry;
import org.kawamori.timeseries.PskSealer;
import org.kawamori.timeseries.RegistryChanges;

/**
 * The admin API as an administrator uses it: a real Vert.x server, the machine's PostgreSQL, Java's
 * HTTP client. After each test, no log line and no response may hold a secret, a DTLS key or (outside
 * the audited tag listing) a tag id.
 */
class AdminApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "admin-token-0123456789abcdef";
    private static final String MASTER = PskSealer.newMasterKey();

    private static final String SENSOR_SECRET = "s3cret-of-kunikane";
    private static final String GATEWAY_SECRET = "s3cret-of-cam-0142";
    private static final String DTLS_KEY = "dtls-key-of-kunikane";
    private static final String CHILD_TAG = "child-tag-0001";
    private static final String OTHER_TAG = "takasago-tag-0002";

    private static final String CSV =
            """
            type,id,municipality,kind,name,lat,lon,secret,experimental
            sensor,kunikane,282103,RIVER_GAUGE,加古川 国包,34.7868,134.8466,%s,false
            gateway,cam-0142,282103,FIXED,加古川駅前,34.757,134.8412,%s,
            gateway,phone-7f3a,282162,PHONE,,,,,
            tag,%s,282103,,,,,,
            tag,%s,282162,,,,,,
            """
                    .formatted(SENSOR_SECRET, GATEWAY_SECRET, CHILD_TAG, OTHER_TAG);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<HttpResponse<String>> responses = new ArrayList<>();

    private LocalPostgres postgres;
    private Database database;
    private DataSource dataSource;
    private MapWebServer web;
    private int port;
    private LogCapture logs;

    @BeforeEach
    void start() throws Exception {
        logs = new LogCapture("ROOT");
        postgres = new LocalPostgres();
        database = new Database(DatabaseConfig.fromJdbcUrl(postgres.jdbcUrl()));
        dataSource = database.dataSource();
        port = startWeb(
                new PostgresRegistryAdmin(dataSource, Optional.of(PskSealer.fromBase64(MASTER)), 1_000),
                AdminTokenAuth.ofHash(PasswordHash.hash(TOKEN.toCharArray(), 1_000)));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            for (String line : logs.lines()) {
                assertThat(line)
                        .as("a log line")
                        .doesNotContain(SENSOR_SECRET, GATEWAY_SECRET, DTLS_KEY, CHILD_TAG, OTHER_TAG, TOKEN);
            }
            for (HttpResponse<String> response : responses) {
                assertThat(response.body())
                        .as("the answer to " + response.request().method() + " " + response.uri())
                        .doesNotContain(SENSOR_SECRET, GATEWAY_SECRET, DTLS_KEY, TOKEN, "pbkdf2");
                if (!String.valueOf(response.uri().getQuery()).contains("municipality=")) {
                    assertThat(response.body()).doesNotContain(CHILD_TAG, OTHER_TAG);
                }
            }
        } finally {
            logs.close();
            if (web != null) {
                web.close();
            }
            database.close();
            postgres.close();
        }
    }

    @Test
    void aSensorAddedThroughTheApiLogsInWithItsMqttPasswordAndNoAnswerShowsThePassword() throws Exception {
        HttpResponse<String> added = send(
                "POST",
                "/sensors",
                TOKEN,
                "application/json",
                """
                {"id":"kunikane","municipality":"282103","kind":"RIVER_GAUGE","name":"国包",
                 "lat":34.7868,"lon":134.8466,"experimental":true,"secret":"%s"}"""
                        .formatted(SENSOR_SECRET));

        assertThat(added.statusCode()).isEqualTo(201);
        JsonNode row = JSON.readTree(added.body());
        assertThat(row.path("id").asText()).isEqualTo("kunikane");
        assertThat(row.path("hasSecret").asBoolean()).isTrue();
        assertThat(row.path("experimental").asBoolean()).isTrue();
        DeviceCredentials credentials = new PostgresSensorRegistry(dataSource);
        assertThat(credentials.verify(DeviceId.of("kunikane"), SENSOR_SECRET.toCharArray()))
                .isTrue();
        assertThat(credentials.verify(DeviceId.of("kunikane"), "wrong".toCharArray()))
                .isFalse();
        assertThat(logs.lines())
                .as("the log is captured (and checked after each test)")
                .anyMatch(line -> line.contains("registered sensor kunikane") && line.contains("new MQTT password"));

        JsonNode listed = json(send("GET", "/sensors", TOKEN, null, null));
        assertThat(listed.path("sensors").findValuesAsText("id")).containsExactly("kunikane");
        HttpResponse<String> again = send(
                "POST",
                "/sensors",
                TOKEN,
                "application/json",
                "{\"id\":\"kunikane\",\"municipality\":\"282103\",\"kind\":\"RIVER_GAUGE\",\"name\":\"国包\","
                        + "\"lat\":34.7868,\"lon\":134.8466}");
        assertThat(again.statusCode()).as("replaced, not new").isEqualTo(200);
        assertThat(credentials.verify(DeviceId.of("kunikane"), SENSOR_SECRET.toCharArray()))
                .as("a replacement without a secret keeps the old one")
                .isTrue();
    }

    @Test
    void aDisabledGatewaysTokenNoLongerVerifiesAndEnablingItLetsItBackIn() throws Exception {
        assertThat(send(
                                "POST",
                                "/gateways",
                                TOKEN,
                                "application/json",
                                "{\"id\":\"cam-0142\",\"municipality\":\"282103\",\"kind\":\"FIXED\",\"name\":\"駅前\","
                                        + "\"lat\":34.757,\"lon\":134.8412,\"secret\":\"" + GATEWAY_SECRET + "\"}")
                        .statusCode())
                .isEqualTo(201);
        DeviceCredentials gateways = new PostgresGatewayRegistry(dataSource);
        assertThat(gateways.verify(DeviceId.of("cam-0142"), GATEWAY_SECRET.toCharArray()))
                .isTrue();

        HttpResponse<String> disabled =
                send("PATCH", "/gateways/cam-0142", TOKEN, "application/json", "{\"enabled\":false}");

        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json(disabled).path("enabled").asBoolean()).isFalse();
        assertThat(gateways.verify(DeviceId.of("cam-0142"), GATEWAY_SECRET.toCharArray()))
                .isFalse();
        JsonNode listed = json(send("GET", "/gateways", TOKEN, null, null));
        assertThat(listed.path("gateways").get(0).path("enabled").asBoolean()).isFalse();
        assertThat(listed.path("gateways").get(0).path("hasSecret").asBoolean()).isTrue();

        send("PATCH", "/gateways/cam-0142", TOKEN, "application/json", "{\"enabled\":true}");
        assertThat(gateways.verify(DeviceId.of("cam-0142"), GATEWAY_SECRET.toCharArray()))
                .isTrue();
        HttpResponse<String> unknown =
                send("PATCH", "/gateways/cam-9999", TOKEN, "application/json", "{\"enabled\":false}");
        assertProblem(unknown, 404, "no gateway cam-9999 is registered");
    }

    @Test
    void aCsvImportWithBadLinesStoresNothingAndNamesEveryBadLineByNumber() throws Exception {
        String bad = CSV.replace("kunikane,282103,RIVER_GAUGE", "kunikane,282103,RAIN_GAUGE")
                + "sensor,s2,282103,RIVER_GAUGE,x,north,134,,\n";

        HttpResponse<String> refused = send("POST", "/import", TOKEN, "text/csv; charset=utf-8", bad);

        assertProblem(refused, 422, "nothing was imported");
        JsonNode problem = json(refused);
        assertThat(problem.path("detail").asText()).contains("line(s) 2, 7");
        assertThat(problem.path("problems").findValuesAsText("line")).containsExactly("2", "7");
        assertThat(problem.path("problems").get(0).path("detail").asText())
                .isEqualTo("kind must be one of RIVER_GAUGE, INUNDATION");
        assertThat(problem.path("problems").get(1).path("detail").asText())
                .isEqualTo("lat and lon must be decimal degrees");
        assertThat(count("device") + count("gateway") + count("tag")).isZero();

        HttpResponse<String> imported = send("POST", "/import", TOKEN, "text/csv", CSV);

        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(json(imported).path("imported").toString()).isEqualTo("{\"sensors\":1,\"gateways\":2,\"tags\":2}");
        assertThat(json(imported).path("created").asInt()).isEqualTo(5);
        assertThat(new PostgresSensorRegistry(dataSource).verify(DeviceId.of("kunikane"), SENSOR_SECRET.toCharArray()))
                .isTrue();
        assertThat(new PostgresGatewayRegistry(dataSource)
                        .verify(DeviceId.of("cam-0142"), GATEWAY_SECRET.toCharArray()))
                .isTrue();
    }

    @Test
    void aMissingOrWrongTokenIsAnswered401ProblemJsonAndChangesNothing() throws Exception {
        HttpResponse<String> missing = send("GET", "/sensors", null, null, null);
        HttpResponse<String> wrong = send("POST", "/import", "not-the-admin-token-at-all", "text/csv", CSV);
        HttpResponse<String> basic = send("GET", "/sensors", null, null, null, "Basic YWRtaW46YWRtaW4=");

        assertProblem(missing, 401, "an admin bearer token is required");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"kawamori-admin\"");
        assertProblem(wrong, 401, "the admin bearer token is not valid");
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertProblem(basic, 401, "bearer token is required");
        assertThat(count("device") + count("gateway") + count("tag")).isZero();
        assertThat(send("GET", "/sensors", TOKEN, null, null).statusCode())
                .as("the connection and the server are fine after a refusal")
                .isEqualTo(200);
    }

    @Test
    void tagsAreCountedAndOneMunicipalitysTagIdsAreListedOnlyWithTheParameterAndAnAuditRow() throws Exception {
        send("POST", "/import", TOKEN, "text/csv", CSV);

        JsonNode counts = json(send("GET", "/tags", TOKEN, null, null));

        assertThat(counts.path("counts").toString())
                .isEqualTo("[{\"municipality\":\"282103\",\"tags\":1},{\"municipality\":\"282162\",\"tags\":1}]");
        assertThat(auditRows()).isEmpty();

        HttpResponse<String> listed =
                send("GET", "/tags?municipality=282103&purpose=family%20asked%20for%20removal", TOKEN, null, null);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).path("tags").findValuesAsText("id")).containsExactly(CHILD_TAG);
        assertThat(listed.body()).doesNotContain(OTHER_TAG);
        assertThat(auditRows())
                .containsExactly("admin-token list-tags 282103 family asked for removal 127.0.0.1 1 tag(s)");
        assertProblem(send("GET", "/tags?municipality=999999", TOKEN, null, null), 400, "6-digit");

        HttpResponse<String> disabled =
                send("PATCH", "/tags", TOKEN, "application/json", "{\"id\":\"" + CHILD_TAG + "\",\"enabled\":false}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(disabled.body()).doesNotContain(CHILD_TAG);
        assertThat(json(send("GET", "/tags?municipality=282103", TOKEN, null, null))
                        .path("tags")
                        .get(0)
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(auditRows()).hasSize(2);
    }

    @Test
    void aDtlsKeyPutThroughTheApiOpensForItsDeviceAndIsNeverShownAgain() throws Exception {
        send("POST", "/import", TOKEN, "text/csv", CSV);

        HttpResponse<String> put =
                send("PUT", "/sensors/kunikane/psk", TOKEN, "application/json", "{\"key\":\"" + DTLS_KEY + "\"}");
        HttpResponse<String> hex = send(
                "PUT", "/gateways/phone-7f3a/psk", TOKEN, "application/json", "{\"keyHex\":\"00112233445566778899\"}");

        assertThat(put.statusCode()).isEqualTo(204);
        assertThat(hex.statusCode()).isEqualTo(204);
        PostgresDevicePsks psks = new PostgresDevicePsks(dataSource, PskSealer.fromBase64(MASTER));
        assertThat(psks.pskOf(DeviceId.of("kunikane")))
                .hasValueSatisfying(k -> assertThat(new String(k, UTF_8)).isEqualTo(DTLS_KEY));
        assertThat(psks.pskOf(DeviceId.of("phone-7f3a")))
                .hasValueSatisfying(k -> assertThat(k).hasSize(10));
        assertThat(json(send("GET", "/sensors", TOKEN, null, null))
                        .path("sensors")
                        .get(0)
                        .path("hasPsk")
                        .asBoolean())
                .isTrue();
        assertProblem(
                send("PUT", "/sensors/nobody/psk", TOKEN, "application/json", "{\"key\":\"" + DTLS_KEY + "\"}"),
                404,
                "no sensor nobody is registered");
        assertProblem(
                send("PUT", "/sensors/kunikane/psk", TOKEN, "application/json", "{\"key\":\"short\"}"),
                422,
                "8 to 64 bytes");

        assertThat(send("DELETE", "/sensors/kunikane/psk", TOKEN, null, null).statusCode())
                .isEqualTo(204);
        assertThat(psks.pskOf(DeviceId.of("kunikane"))).isEmpty();
        assertProblem(send("DELETE", "/sensors/kunikane/psk", TOKEN, null, null), 404, "has no DTLS key");
    }

    @Test
    void withoutAMasterKeyPuttingADtlsKeyIsAConflictThatSaysWhatToSet() throws Exception {
        restartWeb(
                new PostgresRegistryAdmin(dataSource, Optional.empty(), 1_000),
                AdminTokenAuth.ofHash(PasswordHash.hash(TOKEN.toCharArray(), 1_000)));
        send("POST", "/import", TOKEN, "text/csv", CSV);

        assertProblem(
                send("PUT", "/sensors/kunikane/psk", TOKEN, "application/json", "{\"key\":\"" + DTLS_KEY + "\"}"),
                409,
                "KAWAMORI_PSK_MASTER_KEY");
    }

    @Test
    void badRequestsAreAnsweredWithProblemJsonNamingTheFaultWithoutEchoingTheBody() throws Exception {
        assertProblem(
                send("POST", "/sensors", TOKEN, "application/json", "{\"id\":\"x\",\"secret\":\"" + SENSOR_SECRET),
                400,
                "not valid JSON");
        assertProblem(send("POST", "/sensors", TOKEN, "text/plain", "id=x"), 415, "application/json");
        assertProblem(send("POST", "/import", TOKEN, "application/json", "{}"), 415, "text/csv");
        assertProblem(
                send(
                        "POST",
                        "/gateways",
                        TOKEN,
                        "application/json",
                        "{\"id\":\"g1\",\"municipality\":\"282103\",\"kind\":\"FIXED\"}"),
                422,
                "a fixed gateway needs a registered position");
        assertProblem(
                send(
                        "POST",
                        "/tags",
                        TOKEN,
                        "application/json",
                        "{\"id\":\"t1\",\"municipality\":\"282103\",\"colour\":\"red\"}"),
                422,
                "unknown field 'colour'");
        assertProblem(
                send("PATCH", "/sensors/kunikane", TOKEN, "application/json", "{\"name\":\"x\"}"),
                422,
                "only \"enabled\"");
        assertProblem(send("GET", "/nothing-here", TOKEN, null, null), 404, "no such admin resource");
    }

    @Test
    void withoutAConfiguredTokenTheAdminApiAnswers404AndSaysHowToTurnItOn() throws Exception {
        web.close();
        web = plainWeb();
        try (RegistryChanges changes = RegistryChanges.start(database.config())) {
            assertThat(AdminWiring.attach(web, dataSource, changes, Optional.of(MASTER), Map.<String, String>of()::get))
                    .isFalse();
        }
        port = web.start();

        assertProblem(send("GET", "/sensors", TOKEN, null, null), 404, "KAWAMORI_ADMIN_TOKEN_HASH");
        assertThat(AdminWiring.auth(Map.of("KAWAMORI_ADMIN_TOKEN", TOKEN)::get)).isPresent();
        assertThatThrownBy(() -> AdminWiring.auth(Map.of("KAWAMORI_ADMIN_TOKEN", "short")::get))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> AdminWiring.auth(Map.of("KAWAMORI_ADMIN_TOKEN_HASH", TOKEN)::get))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("KAWAMORI_ADMIN_TOKEN_HASH: the admin token hash is not")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() ->
                        AdminWiring.auth(Map.of("KAWAMORI_ADMIN_TOKEN", TOKEN, "KAWAMORI_ADMIN_TOKEN_HASH", "x")::get))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void theHashThatRegistryHashTokenPrintsLetsTheAdminInThroughTheEnvironment() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new RegistryCommand(
                        new ByteArrayInputStream((TOKEN + "\n").getBytes(UTF_8)),
                        new PrintStream(out, true, UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
                        Map.of())
                .run(List.of("hash-token"));
        String hash = out.toString(UTF_8).strip();
        assertThat(status).isZero();
        assertThat(hash).startsWith("pbkdf2-sha256$600000$").doesNotContain(TOKEN);

        web.close();
        web = plainWeb();
        try (RegistryChanges changes = RegistryChanges.start(database.config())) {
            assertThat(AdminWiring.attach(
                            web,
                            dataSource,
                            changes,
                            Optional.of(MASTER),
                            Map.of("KAWAMORI_ADMIN_TOKEN_HASH", hash)::get))
                    .isTrue();
        }
        port = web.start();

        assertThat(send("GET", "/sensors", TOKEN, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/gateways", TOKEN, null, null).statusCode())
                .as("remembered: no second slow hash")
                .isEqualTo(200);
        assertThat(send("GET", "/sensors", TOKEN + "x", null, null).statusCode())
                .isEqualTo(401);
    }

    // --- helpers --------------------------------------------------------------------------------

    private MapWebServer plainWeb() {
        return new MapWebServer(
                WebConfig.onPort(0),
                new PostgresSensorRegistry(dataSource),
                new PostgresReadingStore(dataSource),
                List.of());
    }

    private int startWeb(PostgresRegistryAdmin admin, AdminAuth auth) {
        web = plainWeb().withAdmin(admin, auth);
        return web.start();
    }

    private void restartWeb(PostgresRegistryAdmin admin, AdminAuth auth) {
        web.close();
        port = startWeb(admin, auth);
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        return send(method, path, token, contentType, body, token == null ? null : "Bearer " + token);
    }

    private HttpResponse<String> send(
            String method, String path, String token, String contentType, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/admin" + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        responses.add(response);
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).contains(detail);
    }

    private int count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select count(*) from " + table); // constant names
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private List<String> auditRows() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "select actor, action, municipality, purpose, origin, detail from audit_log order by id");
                ResultSet rows = query.executeQuery()) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(String.join(
                        " ",
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4) == null ? "-" : rows.getString(4),
                        rows.getString(5),
                        rows.getString(6)));
            }
            return found;
        }
    }
}
