package org.kawamori.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.registry.RegistryCommand;
import org.kawamori.timeseries.PskSealer;

/**
 * A gateway keyed with {@code registry set-psk gateway} posts its detection batch over CoAP with DTLS
 * to a running Kawamori, and cannot any more once the key is removed.
 */
class GatewayDtlsEndToEndTest {

    private static final String MASTER = PskSealer.newMasterKey();
    private static final String KEY = "cam-dtls-gateway-key";

    private static RunningKawamori kawamori;

    @BeforeAll
    static void start() throws Exception {
        kawamori = givenKawamori()
                .withEmbeddedBroker()
                .withLocalPostgres()
                .withPskMasterKey(MASTER)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        kawamori.close();
    }

    @Test
    void aGatewayKeyedThroughTheCliSendsItsBatchOverDtlsAndIsShutOutWhenTheKeyIsRemoved() throws Exception {
        assertThat(registry(
                        "",
                        "add",
                        "gateway",
                        "cam-dtls",
                        "--municipality",
                        "282103",
                        "--kind",
                        "FIXED",
                        "--lat",
                        "34.757",
                        "--lon",
                        "134.8412"))
                .isZero();
        assertThat(registry(KEY + "\n", "set-psk", "gateway", "cam-dtls")).isZero();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CoapResponse accepted = post(t);

        assertThat(accepted).as("an answer over DTLS").isNotNull();
        assertThat(accepted.getCode()).as(accepted.getResponseText()).isEqualTo(ResponseCode.CHANGED);
        assertThat(rows("select tag_id || ' ' || gateway_id || ' ' || lat || ',' || lon from detection"))
                .containsExactly("demo-tag-1 cam-dtls 34.757,134.8412");

        assertThat(registry("", "remove-psk", "gateway", "cam-dtls")).isZero();
        CoapResponse refused;
        try {
            refused = post(t.plusSeconds(1));
        } catch (Exception handshakeFailed) {
            refused = null;
        }
        assertThat(refused == null || refused.getCode() != ResponseCode.CHANGED)
                .as("no handshake without a key")
                .isTrue();
        assertThat(rows("select count(*)::text from detection")).containsExactly("1");
    }

    private static CoapResponse post(Instant time) throws Exception {
        String batch = "{\"v\":1,\"detections\":[{\"tag\":\"demo-tag-1\",\"time\":\"" + time + "\",\"rssi\":-70}]}";
        return Devices.postOverDtls(
                kawamori.endpoints().coapsUri().orElseThrow(),
                "/g/cam-dtls",
                "cam-dtls",
                KEY,
                batch,
                MediaTypeRegistry.APPLICATION_JSON);
    }

    private static int registry(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--db-url", kawamori.databaseUrl()));
        all.addAll(List.of(args));
        return new RegistryCommand(
                        new ByteArrayInputStream(stdin.getBytes(UTF_8)),
                        new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
                        new PrintStream(System.err, true, UTF_8),
                        Map.of("KAWAMORI_PSK_MASTER_KEY", MASTER))
                .run(all);
    }

    private static List<String> rows(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(kawamori.databaseUrl());
                PreparedStatement query = c.prepareStatement("set search_path to kawamori")) {
            query.execute();
            try (PreparedStatement select = c.prepareStatement(sql);
                    ResultSet rows = select.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        }
    }
}
