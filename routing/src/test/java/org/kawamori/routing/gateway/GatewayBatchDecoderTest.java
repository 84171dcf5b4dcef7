package org.kawamori.routing.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.TagId;

class GatewayBatchDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:15:05Z");

    private final GatewayBatchDecoder decoder = new GatewayBatchDecoder(3, Duration.ofDays(7), Duration.ofMinutes(2));

    @Test
    void aBatchOfATagAndARawAdvertisementDecodesWithTimesAndPositions() throws Exception {
        GatewayBatch batch = decode(
                """
                {"v":1,"gateway":"cam-kakogawa-0142","sent":"2026-11-23T08:15:02.120Z",
                 "position":{"lat":34.7566,"lon":134.8412,"accuracy":12.5},
                 "detections":[
                  {"tag":"ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2","time":"2026-11-23T17:15:01.530+09:00","rssi":-71},
                  {"adv":"0201061AFF4C000215E2C56DB5DFFB48D2B060D0F5A71096E000010002C5","time":1795421701.53,"rssi":-80,
                   "position":{"lat":34.7567,"lon":134.8410}}]}
                """);

        assertThat(batch.claimedGateway()).contains("cam-kakogawa-0142");
        assertThat(batch.position()).contains(new GatewayBatch.Located(new GeoPoint(34.7566, 134.8412), 12.5));
        assertThat(batch.detections()).hasSize(2);
        GatewayBatch.HeardTag tag = (GatewayBatch.HeardTag) batch.detections().get(0);
        assertThat(tag.tag()).isEqualTo(new TagId("ibeacon:e2c56db5-dffb-48d2-b060-d0f5a71096e0:1:2"));
        assertThat(tag.time()).isEqualTo(Instant.parse("2026-11-23T08:15:01.530Z"));
        assertThat(tag.position()).isEmpty();
        GatewayBatch.HeardAdvertisement adv =
                (GatewayBatch.HeardAdvertisement) batch.detections().get(1);
        assertThat(adv.time()).isEqualTo(Instant.parse("2026-11-23T08:15:01.530Z"));
        assertThat(adv.rssi()).isEqualTo(-80);
        assertThat(adv.position().orElseThrow().accuracyMetres())
                .as("accuracy not given")
                .isNaN();
    }

    @Test
    void aFixedGatewaysBatchNeedsNeitherGatewayNorPosition() throws Exception {
        GatewayBatch batch =
                decode("{\"v\":1,\"detections\":[{\"tag\":\"t1\",\"time\":\"2026-11-23T08:15:00Z\",\"rssi\":-90}]}");

        assertThat(batch.claimedGateway()).isEmpty();
        assertThat(batch.position()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            not JSON                  | secret-tag-1                                                                               | MALFORMED_JSON
            truncated JSON            | {"v":1,"detections":[{"tag":"secret-tag-1"                                                  | MALFORMED_JSON
            trailing content          | {"v":1,"detections":[{"tag":"secret-tag-1","time":"2026-11-23T08:15:00Z","rssi":-9}]} {}    | MALFORMED_JSON
            an array                  | [{"tag":"secret-tag-1"}]                                                                   | NOT_AN_OBJECT
            no version                | {"detections":[{"tag":"secret-tag-1","time":"2026-11-23T08:15:00Z","rssi":-9}]}            | UNSUPPORTED_VERSION
            version 2                 | {"v":2,"detections":[{"tag":"secret-tag-1","time":"2026-11-23T08:15:00Z","rssi":-9}]}      | UNSUPPORTED_VERSION
            version as text           | {"v":"1","detections":[{"tag":"secret-tag-1","time":"2026-11-23T08:15:00Z","rssi":-9}]}    | UNSUPPORTED_VERSION
            version 2^32 + 1          | {"v":4294967297,"detections":[{"tag":"secret-tag-1","time":"2026-11-23T08:15:00Z","rssi":-9}]} | UNSUPPORTED_VERSION
            no detections             | {"v":1}                                                                                    | MISSING_FIELD
            detections not an array   | {"v":1,"detections":{}}                                                                    | MALFORMED_JSON
            empty detections          | {"v":1,"detections":[]}                                                                    | EMPTY_BATCH
            too many detections       | {"v":1,"detections":[{"tag":"a","time":1795421700,"rssi":-9},{"tag":"b","time":1795421700,"rssi":-9},{"tag":"c","time":1795421700,"rssi":-9},{"tag":"d","time":1795421700,"rssi":-9}]} | TOO_MANY_DETECTIONS
            unknown batch field       | {"v":1,"user":"alice","detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-9}]}   | UNKNOWN_FIELD
            unknown detection field   | {"v":1,"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-9,"phone":"x"}]}      | UNKNOWN_FIELD
            a duplicate key           | {"v":1,"v":1,"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-9}]}            | DUPLICATE_FIELD
            tag and adv               | {"v":1,"detections":[{"tag":"secret-tag-1","adv":"0201","time":1795421700,"rssi":-9}]}     | TAG_AND_ADV
            neither tag nor adv       | {"v":1,"detections":[{"time":1795421700,"rssi":-9}]}                                       | TAG_AND_ADV
            a tag with a space        | {"v":1,"detections":[{"tag":"secret tag-1","time":1795421700,"rssi":-9}]}                  | BAD_TAG
            a tag as a number         | {"v":1,"detections":[{"tag":12,"time":1795421700,"rssi":-9}]}                              | BAD_TAG
            a tag too long            | {"v":1,"detections":[{"tag":"secret-tag-1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","time":1795421700,"rssi":-9}]} | BAD_TAG
            adv of odd length         | {"v":1,"detections":[{"adv":"020","time":1795421700,"rssi":-9}]}                           | BAD_ADV
            adv not hex               | {"v":1,"detections":[{"adv":"02ZZ","time":1795421700,"rssi":-9}]}                          | BAD_ADV
            adv too long              | {"v":1,"detections":[{"adv":"0000000000000000000000000000000000000000000000000000000000000000","time":1795421700,"rssi":-9}]} | BAD_ADV
            no time                   | {"v":1,"detections":[{"tag":"secret-tag-1","rssi":-9}]}                                    | MISSING_FIELD
            a time without a zone     | {"v":1,"detections":[{"tag":"secret-tag-1","time":"2026-11-23T08:15:00","rssi":-9}]}       | BAD_TIME
            a negative epoch          | {"v":1,"detections":[{"tag":"secret-tag-1","time":-5,"rssi":-9}]}                          | BAD_TIME
            an epoch in the year 3001 | {"v":1,"detections":[{"tag":"secret-tag-1","time":32535216000,"rssi":-9}]}                 | BAD_TIME
            an epoch beyond a long    | {"v":1,"detections":[{"tag":"secret-tag-1","time":92233720368547758070,"rssi":-9}]}        | BAD_TIME
            a time in a week          | {"v":1,"detections":[{"tag":"secret-tag-1","time":"2026-11-30T08:15:00Z","rssi":-9}]}      | TIME_OUT_OF_WINDOW
            a time a month ago        | {"v":1,"detections":[{"tag":"secret-tag-1","time":"2026-10-23T08:15:00Z","rssi":-9}]}      | TIME_OUT_OF_WINDOW
            no rssi                   | {"v":1,"detections":[{"tag":"secret-tag-1","time":1795421700}]}                            | MISSING_FIELD
            rssi 50                   | {"v":1,"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":50}]}                  | BAD_RSSI
            rssi -200                 | {"v":1,"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-200}]}                | BAD_RSSI
            rssi 1.5                  | {"v":1,"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":1.5}]}                 | BAD_RSSI
            rssi 2^32 - 70            | {"v":1,"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":4294967226}]}          | BAD_RSSI
            latitude 91               | {"v":1,"position":{"lat":91,"lon":134},"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-9}]} | BAD_POSITION
            position without lon      | {"v":1,"position":{"lat":34},"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-9}]} | BAD_POSITION
            negative accuracy         | {"v":1,"position":{"lat":34,"lon":134,"accuracy":-1},"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-9}]} | BAD_POSITION
            a gateway as a number     | {"v":1,"gateway":7,"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-9}]}      | BAD_GATEWAY
            nested too deep           | {"v":1,"detections":[{"tag":"secret-tag-1","time":1795421700,"rssi":-9,"position":{"lat":{"a":{"b":1}},"lon":1}}]} | MALFORMED_JSON
            """)
    void aMalformedBatchIsRefusedWholeWithItsProblemAndWithoutItsTags(String what, String json, BatchProblem problem) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(GatewayBatchException.class)
                .satisfies(
                        e -> assertThat(((GatewayBatchException) e).problem()).isEqualTo(problem))
                .hasMessageNotContaining("secret-tag-1");
    }

    @Test
    void aRefusalNamesTheDetectionByItsNumberInTheBatch() {
        assertThatThrownBy(() -> decode("{\"v\":1,\"detections\":[{\"tag\":\"t1\",\"time\":1795421700,\"rssi\":-9},"
                        + "{\"tag\":\"t2\",\"time\":-1,\"rssi\":-9}]}"))
                .isInstanceOf(GatewayBatchException.class)
                .hasMessage("bad-time: detection 2 \"time\" is not a plausible epoch time");
    }

    @Test
    void wholeAndFractionalEpochSecondsGiveTheSameInstant() throws Exception {
        GatewayBatch batch = decode("{\"v\":1,\"detections\":[{\"tag\":\"t1\",\"time\":1795421700,\"rssi\":-9},"
                + "{\"tag\":\"t2\",\"time\":1795421700.000,\"rssi\":-9},"
                + "{\"tag\":\"t3\",\"time\":\"2026-11-23T08:15:00Z\",\"rssi\":-9}]}");

        assertThat(batch.detections())
                .extracting(GatewayBatch.Heard::time)
                .containsOnly(Instant.ofEpochSecond(1795421700L));
    }

    @Test
    void decodedDetectionsDoNotPrintTheirTags() throws Exception {
        GatewayBatch batch =
                decode("{\"v\":1,\"detections\":[{\"tag\":\"secret-tag-1\",\"time\":1795421700,\"rssi\":-9}]}");

        assertThat(batch.toString()).doesNotContain("secret-tag-1");
    }

    private GatewayBatch decode(String json) throws GatewayBatchException {
        return decoder.decode(json.getBytes(UTF_8), NOW);
    }
}
