package org.kawamori.ingest.coap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.fixtures.InMemoryDevicePsks;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.DeviceAddress.Addressed;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.ingest.fixtures.ScriptedPipeline;

/**
 * CoAP over DTLS 1.2 with a pre-shared key per device, with real clients on the loopback interface:
 * Californium's CoapClient over a Scandium client connector, and libcoap's coap-client-openssl.
 */
class CoapDtlsTest {

    private static final String READING = "[{\"n\":\"level\",\"u\":\"m\",\"v\":1.25}]";
    private static final String GAUGE_KEY = "gauge-a-secret-key-16";
    private static final Path COAP_CLIENT = Path.of("/usr/bin/coap-client-openssl");

    /**
     * Stands in for the routing's ResolveSender check, which refuses an authenticated sender whose
     * identity is not the addressed device (and dead-letters the message).
     */
    private final ScriptedPipeline pipeline = new ScriptedPipeline().answering(m -> {
        boolean other = m.authenticatedAs().isPresent()
                && m.address() instanceof Addressed a
                && !a.device().value().equals(m.authenticatedAs().get());
        return CompletableFuture.completedFuture(
                other
                        ? new IngestResult.Rejected(
                                RejectionReason.NOT_AUTHORIZED, "the sender is authenticated as another device")
                        : new IngestResult.Accepted(1));
    });

    private final InMemoryDevicePsks psks =
            new InMemoryDevicePsks().with("gauge-a", GAUGE_KEY).with("gauge-b", "gauge-b-other-key-16");
    private CoapIngestServer server;
    private int securePort;

    @BeforeEach
    void start() {
        server = new CoapIngestServer(
                CoapIngestConfig.of("127.0.0.1", 0).withDtls(0), pipeline, Optional.of(psks), Clock.systemUTC());
        server.start();
        securePort = server.securePort().orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Posts over DTLS as {@code identity} with {@code key}; null when no response came. */
    private CoapResponse post(String identity, String key, String path) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CoapIngestServer.DTLS_CIPHER_SUITES)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(UTF_8)))
                .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 1)
                .build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(configuration)
                .setConnector(new DTLSConnector(dtls))
                .build();
        CoapClient client = new CoapClient("coaps://127.0.0.1:" + securePort + path);
        client.setEndpoint(endpoint);
        client.setTimeout(5_000L);
        try {
            return client.post(READING, MediaTypeRegistry.APPLICATION_SENML_JSON);
        } catch (Exception handshakeFailed) {
            return null;
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }

    @Test
    void aDeviceWithItsKeyPostsAReadingAndIsAnsweredChanged() {
        CoapResponse response = post("gauge-a", GAUGE_KEY, "/s/gauge-a");

        assertThat(response).isNotNull();
        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(pipeline.received()).singleElement().satisfies(m -> {
            assertThat(m.transport()).isEqualTo(Transport.COAP);
            assertThat(m.address()).isEqualTo(DeviceAddress.of(DeviceId.of("gauge-a")));
            assertThat(m.authenticatedAs()).contains("gauge-a");
            assertThat(m.contentType()).isEqualTo("application/senml+json");
            assertThat(new String(m.payload(), UTF_8)).isEqualTo(READING);
        });
    }

    @Test
    void aDeviceWithAWrongKeyFailsTheHandshakeAndNothingReachesThePipeline() {
        assertThat(post("gauge-a", "not-the-right-key-16", "/s/gauge-a")).isNull();
        assertThat(pipeline.received()).isEmpty();
    }

    @Test
    void anUnknownIdentityFailsTheHandshakeAndNothingReachesThePipeline() {
        assertThat(post("stranger", GAUGE_KEY, "/s/stranger")).isNull();
        assertThat(pipeline.received()).isEmpty();
    }

    @Test
    void anIdentityThatIsNoDeviceIdFailsTheHandshake() {
        assertThat(post("not a device/id", GAUGE_KEY, "/s/gauge-a")).isNull();
        assertThat(pipeline.received()).isEmpty();
    }

    @Test
    void aDevicePostingToAnotherDevicesPathIsForbiddenWithItsReason() {
        CoapResponse response = post("gauge-a", GAUGE_KEY, "/s/gauge-b");

        assertThat(response).isNotNull();
        assertThat(response.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(response.getResponseText())
                .isEqualTo("not-authorized: the sender is authenticated as another device");
        // Refused by the pipeline, so it is dead-lettered like every other refusal.
        assertThat(pipeline.received()).singleElement().satisfies(m -> {
            assertThat(m.address()).isEqualTo(DeviceAddress.of(DeviceId.of("gauge-b")));
            assertThat(m.authenticatedAs()).contains("gauge-a");
        });
    }

    @Test
    void withoutKeysThereIsNoDtlsEndpointAndPlainCoapCarriesNoIdentity() throws Exception {
        CoapIngestServer plainOnly = new CoapIngestServer(
                CoapIngestConfig.of("127.0.0.1", 0).withDtls(0), pipeline, Optional.empty(), Clock.systemUTC());
        try {
            int plainPort = plainOnly.start();
            assertThat(plainOnly.securePort()).isEmpty();
            CoapClient client = new CoapClient("coap://127.0.0.1:" + plainPort + "/s/gauge-a");
            try {
                assertThat(client.post(READING, MediaTypeRegistry.APPLICATION_SENML_JSON)
                                .getCode())
                        .isEqualTo(ResponseCode.CHANGED);
            } finally {
                client.shutdown();
            }
            assertThat(pipeline.received()).singleElement().satisfies(m -> assertThat(m.authenticatedAs())
                    .isEmpty());
        } finally {
            plainOnly.close();
        }
    }

    @Test
    void withPlainCoapOffOnlyTheDtlsEndpointListensAndAPlainRequestGetsNoAnswer() throws Exception {
        CoapIngestServer dtlsOnly = new CoapIngestServer(
                CoapIngestConfig.of("127.0.0.1", 0).withDtls(0).withoutPlain(),
                pipeline,
                Optional.of(psks),
                Clock.systemUTC());
        try {
            assertThat(dtlsOnly.start()).as("no plain port").isEqualTo(-1);
            int dtls = dtlsOnly.securePort().orElseThrow();
            // a plain CoAP client at the DTLS port: no handshake, so no answer and nothing taken in
            CoapClient plain = new CoapClient("coap://127.0.0.1:" + dtls + "/s/gauge-a");
            plain.setTimeout(2_000L);
            try {
                assertThat(plain.post(READING, MediaTypeRegistry.APPLICATION_SENML_JSON))
                        .isNull();
            } finally {
                plain.shutdown();
            }
            assertThat(pipeline.received()).isEmpty();
        } finally {
            dtlsOnly.close();
        }
    }

    @Test
    void plainCoapOffWithoutKeysIsRefusedInsteadOfListeningOnTheDefaultPort() {
        assertThatThrownBy(() -> new CoapIngestServer(
                        CoapIngestConfig.of("127.0.0.1", 0).withoutPlain(),
                        pipeline,
                        Optional.empty(),
                        Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to listen on");
    }

    @Test
    void libcoapsOpensslClientPostsWithItsKey() throws Exception {
        assumeTrue(Files.isExecutable(COAP_CLIENT), COAP_CLIENT + " is not installed (Debian: libcoap3-bin)");

        Process process = new ProcessBuilder(List.of(
                        COAP_CLIENT.toString(),
                        "-m",
                        "post",
                        "-u",
                        "gauge-a",
                        "-k",
                        GAUGE_KEY,
                        "-t",
                        "110",
                        "-e",
                        READING,
                        "-B",
                        "10",
                        "coaps://127.0.0.1:" + securePort + "/s/gauge-a"))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(pipeline.received()).as(output).singleElement().satisfies(m -> {
            assertThat(m.authenticatedAs()).contains("gauge-a");
            assertThat(m.contentType()).isEqualTo("application/senml+json");
            assertThat(new String(m.payload(), UTF_8)).isEqualTo(READING);
        });
    }

    @Test
    void libcoapsOpensslClientWithAWrongKeyGetsNothingIn() throws Exception {
        assumeTrue(Files.isExecutable(COAP_CLIENT), COAP_CLIENT + " is not installed (Debian: libcoap3-bin)");

        Process process = new ProcessBuilder(List.of(
                        COAP_CLIENT.toString(),
                        "-m",
                        "post",
                        "-u",
                        "gauge-a",
                        "-k",
                        "not-the-right-key-16",
                        "-t",
                        "110",
                        "-e",
                        READING,
                        "-B",
                        "5",
                        "coaps://127.0.0.1:" + securePort + "/s/gauge-a"))
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(pipeline.received()).isEmpty();
    }
}
