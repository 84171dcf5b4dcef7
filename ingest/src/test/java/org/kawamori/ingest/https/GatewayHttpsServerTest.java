package org.kawamori.ingest.https;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.ingest.fixtures.ScriptedPipeline;

/** The HTTPS endpoint with Java's HTTP client over TLS (the test trusts the self-signed certificate). */
class GatewayHttpsServerTest {

    private static final String BATCH =
            "{\"v\":1,\"detections\":[{\"tag\":\"kid-1\",\"time\":1795421700,\"rssi\":-70}]}";

    private final ScriptedPipeline pipeline = new ScriptedPipeline();
    private final AtomicInteger slowChecks = new AtomicInteger();
    private GatewayHttpsServer server;
    private HttpClient client;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new GatewayHttpsServer(
                GatewayHttpsConfig.of("127.0.0.1", 0),
                pipeline,
                (id, secret) -> {
                    slowChecks.incrementAndGet();
                    return id.equals(DeviceId.of("phone-7f3a")) && new String(secret).equals("good-token");
                },
                Clock.systemUTC());
        base = "https://127.0.0.1:" + server.start();
        client = HttpClient.newBuilder().sslContext(trustingEverything()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBatchWithAValidTokenReachesThePipelineAsTheAuthenticatedGatewayAndIsAnsweredAfterCommit() throws Exception {
        pipeline.answering(m -> CompletableFuture.completedFuture(new IngestResult.Accepted(1)));

        HttpResponse<String> response = post("/api/v1/gateways/phone-7f3a/detections", "Bearer good-token", BATCH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":1}");
        InboundMessage m = pipeline.received().get(0);
        assertThat(m.transport()).isEqualTo(Transport.HTTPS);
        assertThat(m.address()).isEqualTo(new DeviceAddress.GatewayBatch(Optional.empty(), DeviceId.of("phone-7f3a")));
        assertThat(m.authenticatedAs()).contains("phone-7f3a");
        assertThat(new String(m.payload(), UTF_8)).isEqualTo(BATCH);
        assertThat(m.contentType()).isEqualTo("application/vnd.kawamori.detections+json");
    }

    @Test
    void aVerifiedTokenIsRememberedSoTheSlowHashRunsOnce() throws Exception {
        post("/api/v1/gateways/phone-7f3a/detections", "Bearer good-token", BATCH);
        post("/api/v1/gateways/phone-7f3a/detections", "Bearer good-token", BATCH);

        assertThat(slowChecks).hasValue(1);
        assertThat(post("/api/v1/gateways/phone-7f3a/detections", "Bearer bad-token", BATCH)
                        .statusCode())
                .isEqualTo(401);
        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void withoutAValidTokenTheAnswerIs401AndNothingReachesThePipeline() throws Exception {
        HttpResponse<String> wrong = post("/api/v1/gateways/phone-7f3a/detections", "Bearer bad-token", BATCH);
        HttpResponse<String> none = post("/api/v1/gateways/phone-7f3a/detections", null, BATCH);
        HttpResponse<String> otherGateway = post("/api/v1/gateways/cam-1/detections", "Bearer good-token", BATCH);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"kawamori\"");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(otherGateway.statusCode()).isEqualTo(401);
        assertThat(pipeline.received()).isEmpty();
    }

    @Test
    void aRefusedBatchIsAnsweredWithItsReasonAsRfc9457ProblemDetails() throws Exception {
        pipeline.rejecting(
                new IngestResult.Rejected(RejectionReason.MALFORMED_BATCH, "empty-batch: \"detections\" is empty"));

        HttpResponse<String> response = post("/api/v1/gateways/phone-7f3a/detections", "Bearer good-token", "{}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unprocessable Entity\",\"status\":422,"
                        + "\"detail\":\"empty-batch: \\\"detections\\\" is empty\","
                        + "\"instance\":\"/api/v1/gateways/phone-7f3a/detections\",\"reason\":\"malformed-batch\"}");
    }

    @Test
    void anUnavailableStoreIsAnswered503WithRetryAfter() throws Exception {
        pipeline.failing(new StoreUnavailableException("database down", null));

        HttpResponse<String> response = post("/api/v1/gateways/phone-7f3a/detections", "Bearer good-token", BATCH);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
    }

    @Test
    void anOversizedBodyOtherPathsAndOtherMethodsAreRefusedBeforeThePipeline() throws Exception {
        String big = "{\"v\":1,\"detections\":[" + "x".repeat(70 * 1024) + "]}";

        assertThat(post("/api/v1/gateways/phone-7f3a/detections", "Bearer good-token", big)
                        .statusCode())
                .isEqualTo(413);
        assertThat(post("/api/v1/gateways/phone-7f3a/other", "Bearer good-token", BATCH)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> get = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/gateways/phone-7f3a/detections"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(pipeline.received()).isEmpty();
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.kawamori.detections+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Test only: the server's certificate is self-signed. */
    private static SSLContext trustingEverything() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }
}
