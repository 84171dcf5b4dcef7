package org.kawamori.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.InboundPipeline;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.routing.fixtures.RecordingStores;

class IngestRouteTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");

    private final InMemorySensorRegistry registry = new InMemorySensorRegistry()
            .with(givenSensor("kunikane").in("282103").gauge().build())
            .with(givenSensor("underpass-1").in("282103").inundationSensor().build())
            .with(givenSensor("retired").in("282103").gauge().disabled().build());
    private final RecordingStores stores = new RecordingStores();
    private final List<Reading> published = new CopyOnWriteArrayList<>();
    private CamelContext camel;
    private InboundPipeline pipeline;
    private RoutingModule routing;

    @BeforeEach
    void startRoutes() throws Exception {
        RoutingConfig config =
                new RoutingConfig(1024, 50, Duration.ofMinutes(5), Duration.ofDays(30), 2, Duration.ofMillis(10), 4);
        routing = new RoutingModule(
                config,
                registry,
                stores,
                stores,
                List.of((sensor, readings) -> published.addAll(readings)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        camel = new DefaultCamelContext();
        routing.addTo(camel);
        camel.start();
        pipeline = routing.pipeline(camel);
    }

    @AfterEach
    void stopRoutes() {
        camel.stop();
    }

    private IngestResult send(String municipality, String device, String json) throws Exception {
        return send(DeviceAddress.of(MunicipalityCode.of(municipality), DeviceId.of(device)), json);
    }

    private IngestResult send(DeviceAddress address, String json) throws Exception {
        InboundMessage message = new InboundMessage(
                Transport.MQTT,
                "kawamori/x/sensors/y/up",
                address,
                json.getBytes(UTF_8),
                InboundMessage.SENML_JSON,
                Optional.empty(),
                NOW);
        return pipeline.accept(message).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aValidGaugeReadingIsStoredAndPublished() throws Exception {
        IngestResult result = send(
                "282103",
                "kunikane",
                "[{\"bn\":\"urn:dev:kawamori:kunikane:\",\"n\":\"level\",\"u\":\"m\",\"v\":2.41}]");

        assertThat(result).isEqualTo(new IngestResult.Accepted(1));
        assertThat(stores.readings()).singleElement().satisfies(r -> {
            assertThat(r.device()).isEqualTo(DeviceId.of("kunikane"));
            assertThat(r.quantity()).isEqualTo(Quantity.WATER_LEVEL);
            assertThat(r.value()).isEqualTo(2.41);
            assertThat(r.time()).isEqualTo(NOW);
        });
        await().untilAsserted(() -> assertThat(published).hasSize(1)); // the rules run after the answer
        assertThat(routing.counters().acceptedMessages()).isEqualTo(1);
    }

    private IngestResult sendCbor(String hex) throws Exception {
        InboundMessage message = new InboundMessage(
                Transport.COAP,
                "/s/kunikane",
                DeviceAddress.of(DeviceId.of("kunikane")),
                HexFormat.of().parseHex(hex),
                InboundMessage.SENML_CBOR,
                Optional.empty(),
                NOW);
        return pipeline.accept(message).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aValidSenmlCborReadingIsStoredAndPublished() throws Exception {
        // [{-2: "urn:dev:kawamori:kunikane:", 0: "level", 1: "m", 2: 2.41}]
        IngestResult result = sendCbor("81a421781a75726e3a6465763a6b6177616d6f72693a6b756e696b616e653a"
                + "00656c6576656c01616d02fb400347ae147ae148");

        assertThat(result).isEqualTo(new IngestResult.Accepted(1));
        assertThat(stores.readings()).singleElement().satisfies(r -> {
            assertThat(r.device()).isEqualTo(DeviceId.of("kunikane"));
            assertThat(r.quantity()).isEqualTo(Quantity.WATER_LEVEL);
            assertThat(r.value()).isEqualTo(2.41);
            assertThat(r.time()).isEqualTo(NOW);
        });
        await().untilAsserted(() -> assertThat(published).hasSize(1)); // the rules run after the answer
    }

    @Test
    void malformedSenmlCborIsDeadLetteredWithItsReason() throws Exception {
        // [{"n": "level", "v": 1}]: text keys, which SenML CBOR does not use
        IngestResult result = sendCbor("81a2616e656c6576656c617601");

        assertThat(result).isInstanceOf(IngestResult.Rejected.class);
        IngestResult.Rejected rejected = (IngestResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(RejectionReason.MALFORMED_PAYLOAD);
        assertThat(rejected.detail()).contains("text key 'n'");
        assertThat(stores.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectionReason.MALFORMED_PAYLOAD);
            assertThat(d.detail()).contains("text key 'n'");
            assertThat(d.claimedDevice()).isEqualTo("kunikane");
        });
        assertThat(stores.readings()).isEmpty();
    }

    @Test
    void anotherContentTypeIsStillRefused() throws Exception {
        IngestResult result = pipeline.accept(new InboundMessage(
                        Transport.COAP,
                        "/s/kunikane",
                        DeviceAddress.of(DeviceId.of("kunikane")),
                        "level=1".getBytes(UTF_8),
                        "text/plain",
                        Optional.empty(),
                        NOW))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(((IngestResult.Rejected) result).reason()).isEqualTo(RejectionReason.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(((IngestResult.Rejected) result).detail()).contains(InboundMessage.SENML_CBOR);
    }

    @Test
    void aRedeliveredMessageIsAcceptedAgainButStoredOnce() throws Exception {
        String json = "[{\"n\":\"level\",\"v\":2.0,\"t\":1795000000}]";
        send("282103", "kunikane", json);
        send("282103", "kunikane", json);
        assertThat(stores.readings()).hasSize(1);
        assertThat(routing.counters().newRows()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown device|282103|nobody|[{\"n\":\"level\",\"v\":1}]|UNKNOWN_DEVICE",
                "disabled device|282103|retired|[{\"n\":\"level\",\"v\":1}]|DEVICE_DISABLED",
                "another municipality in the topic|282138|kunikane|[{\"n\":\"level\",\"v\":1}]|WRONG_MUNICIPALITY",
                "malformed SenML|282103|kunikane|[{\"n\":\"level\",\"v\":}]|MALFORMED_PAYLOAD",
                "a level of 250 m|282103|kunikane|[{\"n\":\"level\",\"v\":250}]|VALUE_OUT_OF_RANGE",
                "a level in feet|282103|kunikane|[{\"n\":\"level\",\"u\":\"ft\",\"v\":3}]|WRONG_UNIT",
                "a depth from a gauge|282103|kunikane|[{\"n\":\"depth\",\"v\":0.1}]|UNKNOWN_MEASUREMENT",
                "a level from an inundation sensor|282103|underpass-1|[{\"n\":\"level\",\"v\":1}]|UNKNOWN_MEASUREMENT",
                "another device in the base name|282103|kunikane|[{\"bn\":\"urn:dev:kawamori:other:\",\"n\":\"level\",\"v\":1}]|DEVICE_MISMATCH",
                "a time a day ahead|282103|kunikane|[{\"n\":\"level\",\"v\":1,\"t\":86400}]|TIMESTAMP_OUT_OF_RANGE",
                "a time from 2001|282103|kunikane|[{\"n\":\"level\",\"v\":1,\"t\":1000000000}]|TIMESTAMP_OUT_OF_RANGE",
                "an empty payload|282103|kunikane||EMPTY_PAYLOAD"
            })
    void badInputIsDeadLetteredWithItsReasonAndTheNextValidMessageStillArrives(
            String what, String municipality, String device, String json, RejectionReason reason) throws Exception {
        IngestResult result = send(municipality, device, json == null ? "" : json);

        assertThat(result).isInstanceOf(IngestResult.Rejected.class);
        assertThat(((IngestResult.Rejected) result).reason()).isEqualTo(reason);
        assertThat(stores.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(reason);
            assertThat(d.claimedDevice()).isEqualTo(device);
        });
        assertThat(routing.counters().rejected(reason)).isEqualTo(1);
        assertThat(stores.readings()).isEmpty();

        assertThat(send("282103", "kunikane", "[{\"n\":\"level\",\"v\":1.5}]")).isEqualTo(new IngestResult.Accepted(1));
        assertThat(stores.readings()).hasSize(1);
    }

    @Test
    void aMessageWhoseTopicNamesNoDeviceIsDeadLetteredAsWrongTopic() throws Exception {
        IngestResult result = send(new DeviceAddress.Unaddressed("topic has 4 levels"), "[{\"n\":\"level\",\"v\":1}]");
        assertThat(result).isEqualTo(new IngestResult.Rejected(RejectionReason.WRONG_TOPIC, "topic has 4 levels"));
        assertThat(stores.deadLetters()).singleElement().satisfies(d -> assertThat(d.claimedDevice())
                .isNull());
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeItIsParsed() throws Exception {
        IngestResult result = send("282103", "kunikane", "[" + " ".repeat(2000) + "]");
        assertThat(((IngestResult.Rejected) result).reason()).isEqualTo(RejectionReason.PAYLOAD_TOO_LARGE);
        assertThat(stores.deadLetters().get(0).payloadSize()).isEqualTo(2002);
    }

    @Test
    void aMessageIsStoredAllOrNothing() throws Exception {
        send("282103", "kunikane", "[{\"n\":\"level\",\"v\":1.0},{\"n\":\"level\",\"t\":-60,\"v\":999}]");
        assertThat(stores.readings()).isEmpty();
    }

    @Test
    void whenTheStoreIsDownTheMessageFailsSoTheTransportDoesNotAcknowledgeIt() {
        stores.goDown();
        assertThatThrownBy(() -> send("282103", "kunikane", "[{\"n\":\"level\",\"v\":1.0}]"))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(stores.deadLetters()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void dataTheStoreRefusesForGoodIsDeadLetteredAndDoesNotBlockTheNextMessage() throws Exception {
        stores.refuseNextAppend();
        IngestResult refused = send("282103", "kunikane", "[{\"n\":\"level\",\"v\":1.0}]");

        assertThat(((IngestResult.Rejected) refused).reason()).isEqualTo(RejectionReason.PROCESSING_FAILED);
        assertThat(stores.deadLetters()).singleElement().satisfies(d -> assertThat(d.detail())
                .contains("foreign key"));
        assertThat(send("282103", "kunikane", "[{\"n\":\"level\",\"v\":1.1}]")).isEqualTo(new IngestResult.Accepted(1));
    }

    @Test
    void aStoreThatComesBackDuringTheRetriesTakesTheMessage() throws Exception {
        stores.goDown();
        var pending = pipeline.accept(new InboundMessage(
                Transport.COAP,
                "/s/kunikane",
                DeviceAddress.of(DeviceId.of("kunikane")),
                "[{\"n\":\"level\",\"v\":1.0}]".getBytes(UTF_8),
                InboundMessage.SENML_JSON,
                Optional.empty(),
                NOW));
        Thread.sleep(5);
        stores.comeBack();
        assertThat(pending.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(new IngestResult.Accepted(1));
    }

    @Test
    void aSenderAuthenticatedAsAnotherDeviceIsRefused() throws Exception {
        InboundMessage message = new InboundMessage(
                Transport.MQTT,
                "kawamori/282103/sensors/kunikane/up",
                DeviceAddress.of(MunicipalityCode.of("282103"), DeviceId.of("kunikane")),
                "[{\"n\":\"level\",\"v\":1.0}]".getBytes(UTF_8),
                InboundMessage.SENML_JSON,
                Optional.of("underpass-1"),
                NOW);
        IngestResult result = pipeline.accept(message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(((IngestResult.Rejected) result).reason()).isEqualTo(RejectionReason.NOT_AUTHORIZED);
    }

    @Test
    void theRoutesReportHealthyOnceStarted() {
        assertThat(routing.health(camel).check().up()).isTrue();
        camel.stop();
        assertThat(routing.health(camel).check().up()).isFalse();
    }
}
