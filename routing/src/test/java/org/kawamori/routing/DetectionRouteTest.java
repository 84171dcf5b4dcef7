package org.kawamori.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.fixtures.InMemorySensorRegistry;
import org.kawamori.core.ingest.DeadLetter;
import org.kawamori.core.ingest.DeviceAddress;
import org.kawamori.core.ingest.InboundMessage;
import org.kawamori.core.ingest.IngestResult;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.InboundPipeline;
import org.kawamori.routing.fixtures.RecordingStores;

/**
 * The detection route with real Camel: gateways, tags and the store are in memory. Every refusal is
 * dead-lettered with its reason, and the valid batch after it is stored.
 */
class DetectionRouteTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");
    private static final GeoPoint STATION = new GeoPoint(34.757, 134.8412);

    private final Map<DeviceId, Gateway> gateways = Map.of(
            DeviceId.of("cam-1"),
                    new Gateway(DeviceId.of("cam-1"), KAKOGAWA, GatewayKind.FIXED, Optional.of(STATION), true),
            DeviceId.of("bus-3"),
                    new Gateway(DeviceId.of("bus-3"), KAKOGAWA, GatewayKind.VEHICLE, Optional.empty(), true),
            DeviceId.of("phone-1"),
                    new Gateway(DeviceId.of("phone-1"), TAKASAGO, GatewayKind.PHONE, Optional.empty(), true),
            DeviceId.of("cam-off"),
                    new Gateway(DeviceId.of("cam-off"), KAKOGAWA, GatewayKind.FIXED, Optional.of(STATION), false));
    private final Map<TagId, MunicipalityCode> tags = Map.of(
            new TagId("kid-k"), KAKOGAWA,
            new TagId("kid-t"), TAKASAGO,
            new TagId("ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2"), TAKASAGO);
    private final List<Detection> stored = new CopyOnWriteArrayList<>();
    private final RecordingStores stores = new RecordingStores();
    private CamelContext camel;
    private InboundPipeline pipeline;
    private RoutingModule routing;

    @BeforeEach
    void startRoutes() throws Exception {
        RoutingConfig config =
                new RoutingConfig(2048, 50, Duration.ofMinutes(5), Duration.ofDays(30), 2, Duration.ofMillis(10), 4);
        DetectionPorts ports = new DetectionPorts(
                id -> Optional.ofNullable(gateways.get(id)),
                asked -> {
                    Map<TagId, MunicipalityCode> known = new HashMap<>();
                    asked.stream().filter(tags::containsKey).forEach(t -> known.put(t, tags.get(t)));
                    return known;
                },
                detections -> {
                    stored.addAll(detections);
                    return detections.size();
                },
                List.of());
        routing = new RoutingModule(
                config,
                new InMemorySensorRegistry(),
                stores,
                ports,
                stores,
                List.of(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        camel = new DefaultCamelContext();
        routing.addTo(camel);
        camel.start();
        pipeline = routing.pipeline(camel);
    }

    @AfterEach
    void stopRoutes() {
        camel.stop();
        routing.sightings().close();
    }

    @Test
    void aFixedCameraPlacesItsDetectionsAtItselfAndStoresEachTagForItsOwnMunicipality() throws Exception {
        IngestResult result = send(
                "282103",
                "cam-1",
                batch(
                        "{\"tag\":\"kid-k\",\"time\":\"2026-11-23T00:59:58Z\",\"rssi\":-70}",
                        "{\"tag\":\"kid-t\",\"time\":1795395598.5,\"rssi\":-80}",
                        "{\"tag\":\"stranger\",\"time\":\"2026-11-23T00:59:58Z\",\"rssi\":-60}"));

        assertThat(result).isEqualTo(new IngestResult.Accepted(3));
        assertThat(stored)
                .extracting(d -> d.tag().value() + " " + d.tagMunicipality().value() + " "
                        + d.gatewayMunicipality().value() + " " + d.position() + " " + d.accuracyMetres())
                .containsExactlyInAnyOrder(
                        "kid-k 282103 282103 " + STATION + " 50.0", "kid-t 282162 282103 " + STATION + " 50.0");
        assertThat(routing.counters().beaconsIgnored()).isEqualTo(1);
    }

    @Test
    void aRawIBeaconAdvertisementIsParsedIntoItsTagAndTelemetryIsSkipped() throws Exception {
        IngestResult result = send(
                "282103",
                "cam-1",
                batch(
                        "{\"adv\":\"0201061AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5\","
                                + "\"time\":\"2026-11-23T00:59:58Z\",\"rssi\":-75}",
                        "{\"adv\":\"1116AAFE20000BB817800000000000000001\",\"time\":\"2026-11-23T00:59:58Z\",\"rssi\":-75}"));

        assertThat(stores.deadLetters()).isEmpty();
        assertThat(result).isEqualTo(new IngestResult.Accepted(2));
        assertThat(stored)
                .extracting(d -> d.tag().value())
                .containsExactly("ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2");
    }

    @Test
    void aPhoneIsStoredAnonymouslyWithItsOwnPosition() throws Exception {
        send(
                "282162",
                "phone-1",
                "{\"v\":1,\"position\":{\"lat\":34.77,\"lon\":134.83,\"accuracy\":9},"
                        + "\"detections\":[{\"tag\":\"kid-t\",\"time\":\"2026-11-23T00:59:00Z\",\"rssi\":-66}]}");

        assertThat(stored).singleElement().satisfies(d -> {
            assertThat(d.gateway().value()).isEqualTo("volunteer-phone");
            assertThat(d.position()).isEqualTo(new GeoPoint(34.77, 134.83));
            assertThat(d.accuracyMetres()).isEqualTo(9.0);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            unknown gateway                    | 282103 | cam-9   | {"v":1,"detections":[{"tag":"kid-k","time":"2026-11-23T00:59:58Z","rssi":-70}]}                     | unknown-device
            disabled gateway                   | 282103 | cam-off | {"v":1,"detections":[{"tag":"kid-k","time":"2026-11-23T00:59:58Z","rssi":-70}]}                     | device-disabled
            wrong municipality in the topic    | 282162 | cam-1   | {"v":1,"detections":[{"tag":"kid-k","time":"2026-11-23T00:59:58Z","rssi":-70}]}                     | wrong-municipality
            the batch names another gateway    | 282103 | cam-1   | {"v":1,"gateway":"cam-2","detections":[{"tag":"kid-k","time":"2026-11-23T00:59:58Z","rssi":-70}]}   | device-mismatch
            a moving gateway without position  | 282103 | bus-3   | {"v":1,"detections":[{"tag":"kid-k","time":"2026-11-23T00:59:58Z","rssi":-70}]}                     | missing-position
            a malformed advertisement          | 282103 | cam-1   | {"v":1,"detections":[{"adv":"0201061BFF4C","time":"2026-11-23T00:59:58Z","rssi":-70}]}              | malformed-advertisement
            an Eddystone-URL advertisement     | 282103 | cam-1   | {"v":1,"detections":[{"adv":"0A16AAFE10E8036B61776100","time":"2026-11-23T00:59:58Z","rssi":-70}]}  | malformed-advertisement
            not JSON                           | 282103 | cam-1   | hello                                                                                               | malformed-batch
            version 2                          | 282103 | cam-1   | {"v":2,"detections":[{"tag":"kid-k","time":"2026-11-23T00:59:58Z","rssi":-70}]}                     | malformed-batch
            a time far in the future           | 282103 | cam-1   | {"v":1,"detections":[{"tag":"kid-k","time":"2026-11-24T00:59:58Z","rssi":-70}]}                     | malformed-batch
            """)
    void aRefusedBatchIsDeadLetteredWithItsReasonAndTheNextValidOneIsStored(
            String what, String municipality, String gateway, String payload, String reason) throws Exception {
        IngestResult result = send(municipality, gateway, payload);

        assertThat(result).isInstanceOf(IngestResult.Rejected.class);
        assertThat(stores.deadLetters())
                .extracting(DeadLetter::reason)
                .extracting(RejectionReason::code)
                .containsExactly(reason);
        assertThat(stores.deadLetters().get(0).claimedDevice()).isEqualTo(gateway);
        assertThat(stores.deadLetters().get(0).detail()).doesNotContain("kid-k");
        assertThat(send("282103", "cam-1", batch("{\"tag\":\"kid-k\",\"time\":\"2026-11-23T00:59:59Z\",\"rssi\":-70}")))
                .isEqualTo(new IngestResult.Accepted(1));
        assertThat(stored).hasSize(1);
    }

    private static String batch(String... detections) {
        return "{\"v\":1,\"detections\":[" + String.join(",", detections) + "]}";
    }

    private IngestResult send(String municipality, String gateway, String json) throws Exception {
        InboundMessage message = new InboundMessage(
                Transport.MQTT,
                "kawamori/" + municipality + "/gateways/" + gateway + "/detections",
                new DeviceAddress.GatewayBatch(Optional.of(MunicipalityCode.of(municipality)), DeviceId.of(gateway)),
                json.getBytes(UTF_8),
                "application/json",
                Optional.empty(),
                NOW);
        return pipeline.accept(message).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
