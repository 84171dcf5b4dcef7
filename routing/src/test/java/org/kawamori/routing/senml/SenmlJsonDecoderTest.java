package org.kawamori.routing.senml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenmlJsonDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
    private final SenmlJsonDecoder decoder = new SenmlJsonDecoder(100);

    private List<SenmlRecord> decode(String json) throws SenmlException {
        return decoder.decode(json.getBytes(UTF_8), NOW);
    }

    @Test
    void theRfc8428MultipleDatapointsExampleResolvesBaseNameTimeAndUnit() throws Exception {
        // RFC 8428 §5.1.2
        List<SenmlRecord> records = decode(
                """
                [{"bn":"urn:dev:ow:10e2073a01080063:","bt":1.320067464e+09,"bu":"%RH","v":20},
                 {"u":"lon","v":24.30621},
                 {"u":"lat","v":60.07965},
                 {"t":60,"v":20.3},
                 {"u":"lon","t":60,"v":24.30622},
                 {"u":"lat","t":60,"v":60.07965},
                 {"t":120,"v":20.7}]""");
        assertThat(records).hasSize(7);
        assertThat(records.get(0).name()).isEqualTo("urn:dev:ow:10e2073a01080063:");
        assertThat(records.get(0).unit()).contains("%RH");
        assertThat(records.get(1).unit()).contains("lon");
        assertThat(records.get(3).time()).isEqualTo(Instant.ofEpochSecond(1320067524));
        assertThat(records.get(6).value()).contains(20.7);
    }

    @Test
    void baseValueIsAddedToEveryValue() throws Exception {
        List<SenmlRecord> records =
                decode("[{\"n\":\"level\",\"bv\":1.5,\"v\":0.25},{\"n\":\"level\",\"t\":-5,\"v\":0.5}]");
        assertThat(records).extracting(r -> r.value().orElseThrow()).containsExactly(1.75, 2.0);
    }

    @Test
    void smallTimesAreRelativeToNow() throws Exception {
        List<SenmlRecord> records = decode("[{\"n\":\"level\",\"v\":1.0},{\"n\":\"level\",\"t\":-60,\"v\":1.1}]");
        assertThat(records.get(0).time()).isEqualTo(NOW);
        assertThat(records.get(1).time()).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void fractionalEpochTimesKeepTheirMilliseconds() throws Exception {
        assertThat(decode("[{\"n\":\"level\",\"t\":1795000000.125,\"v\":1}]")
                        .get(0)
                        .time())
                .isEqualTo(Instant.ofEpochSecond(1795000000, 125_000_000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON at all|hello|not valid JSON",
                "an object instead of an array|{\"n\":\"level\",\"v\":1}|must be an array",
                "an empty pack|[]|no records",
                "a record that is not an object|[1]|not a JSON object",
                "a nested value|[{\"n\":\"level\",\"v\":{\"x\":1}}]|not a string, number or boolean",
                "a string where a number belongs|[{\"n\":\"level\",\"v\":\"1.0\"}]|not a number",
                "two value fields|[{\"n\":\"level\",\"v\":1,\"vs\":\"x\"}]|more than one value",
                "no value|[{\"n\":\"level\"}]|has no value",
                "no name|[{\"v\":1}]|invalid or empty name",
                "a name with a space|[{\"n\":\"water level\",\"v\":1}]|invalid or empty name",
                "a must-understand field|[{\"n\":\"level\",\"v\":1,\"foo_\":1}]|must-understand",
                "a duplicate key|[{\"n\":\"level\",\"v\":1,\"v\":2}]|not valid JSON",
                "trailing content|[{\"n\":\"level\",\"v\":1}] [2]|content after",
                "a future SenML version|[{\"bver\":11,\"n\":\"level\",\"v\":1}]|version",
                "a vb that is not boolean|[{\"n\":\"wet\",\"vb\":1}]|not a boolean",
                "a truncated array|[{\"n\":\"level\",\"v\":1}|not valid JSON",
                "a time beyond the year 3000|[{\"n\":\"level\",\"v\":1,\"t\":4e10}]|beyond the year 3000",
                "a time before Instant.MIN|[{\"n\":\"level\",\"v\":1,\"t\":-3e17}]|before the year 0",
                "a time of -2^64 s, 2025-12-04|[{\"n\":\"level\",\"v\":1,\"t\":-1.8446744071944716E19}]|before the year 0"
            })
    void malformedPacksAreRefusedWithAReason(String what, String json, String reason) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void packsWithMoreRecordsThanTheLimitAreRefused() {
        String many = "[" + "{\"n\":\"level\",\"v\":1},".repeat(100) + "{\"n\":\"level\",\"v\":1}]";
        assertThatThrownBy(() -> decode(many)).hasMessageContaining("more than 100");
    }
}
