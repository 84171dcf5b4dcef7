package org.kawamori.ingest.coap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.ingest.fixtures.ScriptedPipeline;

/** The CoAP transport with a real Californium client over UDP on the loopback interface. */
class CoapIngestServerTest {

    private static final String READING = "[{\"n\":\"level\",\"u\":\"m\",\"v\":1.25}]";

    private final ScriptedPipeline pipeline = new ScriptedPipeline();
    private CoapIngestServer server;
    private int port;

    @BeforeEach
    void start() {
        server = new CoapIngestServer(CoapIngestConfig.of("127.0.0.1", 0), pipeline, Clock.systemUTC());
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CoapResponse post(String path, String payload, int format) throws Exception {
        CoapClient client = new CoapClient("coap://127.0.0.1:" + port + path);
        try {
            return client.post(payload, format);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aCommittedReadingIsAnsweredChanged() throws Exception {
        CoapResponse response = post("/s/demo-gauge-1", READING, MediaTypeRegistry.APPLICATION_SENML_JSON);

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(pipeline.received()).singleElement().satisfies(m -> {
            assertThat(m.transport()).isEqualTo(Transport.COAP);
            assertThat(m.address()).isEqualTo(DeviceAddress.of(DeviceId.of("demo-gauge-1")));
            assertThat(m.contentType()).isEqualTo("application/senml+json");
            assertThat(new String(m.payload(), UTF_8)).isEqualTo(READING);
        });
    }

    @Test
    void aGatewayBatchOnGIsHandedOnAsTheGatewaysBatch() throws Exception {
        String batch = "{\"v\":1,\"detections\":[{\"tag\":\"kid-1\",\"time\":1795421700,\"rssi\":-70}]}";

        CoapResponse response = post("/g/cam-0142", batch, MediaTypeRegistry.APPLICATION_JSON);

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(pipeline.received()).singleElement().satisfies(m -> {
            assertThat(m.address())
                    .isEqualTo(new DeviceAddress.GatewayBatch(java.util.Optional.empty(), DeviceId.of("cam-0142")));
            assertThat(m.contentType()).isEqualTo("application/json");
            assertThat(m.channel()).isEqualTo("/g/cam-0142");
        });
    }

    @Test
    void aRefusedReadingGetsA4xxWithItsReason() throws Exception {
        pipeline.rejecting(new IngestResult.Rejected(RejectionReason.VALUE_OUT_OF_RANGE, "level=250.0 is outside"));
        CoapResponse response = post("/s/demo-gauge-1", READING, MediaTypeRegistry.APPLICATION_SENML_JSON);

        assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(response.getResponseText()).isEqualTo("value-out-of-range: level=250.0 is outside");
    }

    @Test
    void anUnknownDeviceGets404() throws Exception {
        pipeline.rejecting(new IngestResult.Rejected(RejectionReason.UNKNOWN_DEVICE, "device 'x' is not registered"));
        assertThat(post("/s/x", READING, MediaTypeRegistry.APPLICATION_SENML_JSON)
                        .getCode())
                .isEqualTo(ResponseCode.NOT_FOUND);
    }

    @Test
    void whenNothingCouldBeCommittedTheDeviceIsToldToRetry() throws Exception {
        pipeline.failing(new StoreUnavailableException("down (test)", null));
        CoapResponse response = post("/s/demo-gauge-1", READING, MediaTypeRegistry.APPLICATION_SENML_JSON);

        assertThat(response.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(response.getOptions().getMaxAge()).isEqualTo(30);
    }

    @Test
    void aPathThatNamesNoDeviceIsHandedOnAsUnaddressed() throws Exception {
        pipeline.answering(m -> CompletableFuture.completedFuture(
                new IngestResult.Rejected(RejectionReason.WRONG_TOPIC, "path is not /s/{deviceId}")));
        CoapResponse response = post("/s/bad%20id", READING, MediaTypeRegistry.APPLICATION_SENML_JSON);

        assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(pipeline.received().get(0).address()).isInstanceOf(DeviceAddress.Unaddressed.class);
    }

    @Test
    void senmlCborIsPassedOnAsContentFormat112() throws Exception {
        byte[] cbor = HexFormat.of().parseHex("81a300656c6576656c01616d02f93d00"); // [{0:"level",1:"m",2:1.25}]
        CoapClient client = new CoapClient("coap://127.0.0.1:" + port + "/s/demo-gauge-1");
        CoapResponse response;
        try {
            response = client.post(cbor, MediaTypeRegistry.APPLICATION_SENML_CBOR);
        } finally {
            client.shutdown();
        }

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(pipeline.received()).singleElement().satisfies(m -> {
            assertThat(m.contentType()).isEqualTo("application/senml+cbor");
            assertThat(m.payload()).isEqualTo(cbor);
        });
    }

    @Test
    void theContentFormatIsPassedOnSoTheRouteCanRefuseOthers() throws Exception {
        post("/s/demo-gauge-1", READING, MediaTypeRegistry.TEXT_PLAIN);
        assertThat(pipeline.received().get(0).contentType()).isEqualTo("text/plain");
    }

    @Test
    void getIsNotAllowed() throws Exception {
        CoapClient client = new CoapClient("coap://127.0.0.1:" + port + "/s/demo-gauge-1");
        try {
            assertThat(client.get().getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        } finally {
            client.shutdown();
        }
    }
}
