package org.kawamori.routing.senml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenmlCborDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");

    /**
     * RFC 8428 §6: the CBOR example, the same pack as the JSON example with several measurements (a
     * half-precision float included), as the RFC prints it: offset, then bytes.
     */
    private static final String RFC_8428_CBOR_DUMP =
            """
            0000 87 a7 21 78 1b 75 72 6e 3a 64 65 76 3a 6f 77 3a
            0010 31 30 65 32 30 37 33 61 30 31 30 38 30 30 36 3a
            0020 22 fb 41 d3 03 a1 5b 00 10 62 23 61 41 20 05 00
            0030 67 76 6f 6c 74 61 67 65 01 61 56 02 fb 40 5e 06
            0040 66 66 66 66 66 a3 00 67 63 75 72 72 65 6e 74 06
            0050 24 02 fb 3f f3 33 33 33 33 33 33 a3 00 67 63 75
            0060 72 72 65 6e 74 06 23 02 fb 3f f4 cc cc cc cc cc
            0070 cd a3 00 67 63 75 72 72 65 6e 74 06 22 02 fb 3f
            0080 f6 66 66 66 66 66 66 a3 00 67 63 75 72 72 65 6e
            0090 74 06 21 02 f9 3e 00 a3 00 67 63 75 72 72 65 6e
            00a0 74 06 20 02 fb 3f f9 99 99 99 99 99 9a a3 00 67
            00b0 63 75 72 72 65 6e 74 06 00 02 fb 3f fb 33 33 33
            00c0 33 33 33
            """;

    private static final String RFC_8428_JSON =
            """
            [{"bn":"urn:dev:ow:10e2073a0108006:","bt":1.276020076001e+09,"bu":"A","bver":5,
              "n":"voltage","u":"V","v":120.1},
             {"n":"current","t":-5,"v":1.2},
             {"n":"current","t":-4,"v":1.3},
             {"n":"current","t":-3,"v":1.4},
             {"n":"current","t":-2,"v":1.5},
             {"n":"current","t":-1,"v":1.6},
             {"n":"current","v":1.7}]""";

    private static final String LEVEL = "65" + "6c6576656c"; // "level"

    private final SenmlCborDecoder cbor = new SenmlCborDecoder(100);
    private final SenmlJsonDecoder json = new SenmlJsonDecoder(100);

    private List<SenmlRecord> decodeHex(String hex) throws SenmlException {
        return cbor.decode(HexFormat.of().parseHex(hex), NOW);
    }

    @Test
    void theRfc8428CborExampleResolvesToTheSameRecordsAsItsJsonTwin() throws Exception {
        String hex = RFC_8428_CBOR_DUMP
                .lines()
                .map(line -> line.substring(5).replace(" ", ""))
                .reduce("", String::concat);
        List<SenmlRecord> records = decodeHex(hex);

        assertThat(records).isEqualTo(json.decode(RFC_8428_JSON.getBytes(UTF_8), NOW));
        assertThat(records).hasSize(7);
        assertThat(records.get(0).name()).isEqualTo("urn:dev:ow:10e2073a0108006:voltage");
        assertThat(records.get(0).unit()).contains("V");
        assertThat(records.get(1).unit()).contains("A");
        assertThat(records.get(4).value()).contains(1.5); // the half-precision float
        assertThat(records.get(6).time()).isEqualTo(Instant.ofEpochSecond(1276020076, 1_000_000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "one reading|[{\"n\":\"level\",\"u\":\"m\",\"v\":2.41}]",
                "base name, time and unit|[{\"bn\":\"urn:dev:kawamori:kunikane:\",\"bt\":1795000000,\"bu\":\"m\",\"n\":\"level\",\"v\":1.5},{\"n\":\"level\",\"t\":60,\"v\":1.75}]",
                "base value and base sum|[{\"n\":\"level\",\"bv\":1.5,\"v\":0.25,\"bs\":10,\"s\":2}]",
                "relative times|[{\"n\":\"level\",\"v\":1},{\"n\":\"level\",\"t\":-60,\"v\":1.1}]",
                "fractional epoch time|[{\"n\":\"level\",\"t\":1795000000.125,\"v\":1}]",
                "negative integers|[{\"n\":\"level\",\"t\":-3600,\"v\":-2}]",
                "a string and a boolean value|[{\"n\":\"status\",\"vs\":\"ok\"},{\"n\":\"wet\",\"vb\":true}]",
                "a data value|[{\"n\":\"blob\",\"vd\":\"AQID_w\"}]",
                "an update time and a version|[{\"bver\":10,\"n\":\"level\",\"ut\":600,\"v\":1}]"
            })
    void aCborPackResolvesToTheSameRecordsAsTheEquivalentJsonPack(String what, String pack) throws Exception {
        List<SenmlRecord> fromJson = json.decode(pack.getBytes(UTF_8), NOW);
        List<SenmlRecord> fromCbor = cbor.decode(toCbor(pack), NOW);

        assertThat(fromCbor).isEqualTo(fromJson).isNotEmpty();
    }

    @Test
    void numbersMayBeHalfSingleDoubleOrDecimalFractions() throws Exception {
        // [{0:"level", 2:1.5 (half)}, {0:"level", 6:-1, 2:1.5 (single)}, {0:"level", 6:-2, 2:4([-2, 150])}]
        List<SenmlRecord> records = decodeHex("83" + "a200" + LEVEL + "02f93e00" + "a300" + LEVEL + "062002fa3fc00000"
                + "a300" + LEVEL + "062102c482211896");
        assertThat(records).extracting(r -> r.value().orElseThrow()).containsExactly(1.5, 1.5, 1.5);
    }

    @Test
    void aDataValueIsCarriedAsBase64urlLikeInJson() throws Exception {
        SenmlRecord record = decodeHex("81a200" + "64626c6f62" + "0844010203ff").get(0);
        assertThat(record.dataValue()).contains("AQID_w");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not CBOR at all|ff|not valid CBOR",
                "a text string instead of an array|68656c6c6f|must be an array",
                "a map at the top level|a1" + "00" + LEVEL + "|must be an array",
                "an empty pack|80|no records",
                "a record that is not a map|8101|record 0 is not a CBOR map",
                "a text key|81a2616e" + LEVEL + "617601|text key 'n'",
                "an unknown integer label|81a300" + LEVEL + "02010901|unknown label 9",
                "a duplicate label|81a300" + LEVEL + "02010202|label 'v' twice",
                "a text string where v needs a number|81a200" + LEVEL + "0263312e30|'v' that is not a number",
                "a byte string where n needs text|81a2004101" + "0201|'n' that is not a string",
                "a vd that is text|81a200" + LEVEL + "08624151|'vd' must be a byte string",
                "a vb that is not a boolean|81a200" + LEVEL + "0401|not a boolean",
                "a null value|81a200" + LEVEL + "02f6|not a string, number, boolean or byte string",
                "a simple value|81a200" + LEVEL + "02e0|not a string, number, boolean or byte string",
                "a nested array|81a200" + LEVEL + "028101|not a string, number, boolean or byte string",
                "a NaN value|81a200" + LEVEL + "02f97e00|not a finite number",
                "a bignum tag|81a200" + LEVEL + "02c24101|only decimal fractions (tag 4)",
                "a self-described pack|d9d9f781a200" + LEVEL + "0201|must be an array",
                "trailing bytes|81a200" + LEVEL + "020100|1 trailing byte(s)",
                "a second pack after the first|81a200" + LEVEL + "020181a200" + LEVEL + "0201|trailing byte(s)",
                "a truncated pack|82a200" + LEVEL + "0201|not valid CBOR",
                "a truncated string|81a20065" + "6c6576|not valid CBOR",
                "a byte string declaring 2 GiB|81a20064626c6f62085a7fffffff00|not valid CBOR",
                "a text string declaring 2 GiB|81a2007a7fffffff00|not valid CBOR",
                "an indefinite-length array|9fa200" + LEVEL + "0201ff|indefinite length",
                "an indefinite-length map|81bf00" + LEVEL + "0201ff|indefinite length",
                "an indefinite-length string|81a2007f" + LEVEL + "ff0201|indefinite length",
                "an array declaring more records than allowed|9865|101 records, more than 100",
                "an array declaring 2^64-1 records|9bffffffffffffffff|not valid CBOR",
                "an array declaring 2^32-1 records|9affffffff|more than 100",
                "a map declaring more fields than SenML has|81b0|16 fields",
                "two value fields|81a300" + LEVEL + "02010362" + "6f6b|more than one value",
                "a future SenML version|81a3200b00" + LEVEL + "0201|version",
                "a name with a space|81a20063612062" + "0201|invalid or empty name"
            })
    void malformedPacksAreRefusedWithAReason(String what, String hex, String reason) {
        assertThatThrownBy(() -> decodeHex(hex))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aStringLongerThanTheLimitIsRefused() {
        int length = SenmlCborDecoder.MAX_TEXT_LENGTH + 1;
        // [{0: "aaa…" (definite length, 4-byte header), 2: 1}]; Jackson's generator would chunk it
        String hex = "81a2007a" + String.format("%08x", length) + "61".repeat(length) + "0201";
        byte[] payload = HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> cbor.decode(payload, NOW))
                .isInstanceOf(SenmlException.class)
                .hasMessageContaining(
                        "not valid CBOR: String value length (" + length + ") exceeds the maximum allowed");
    }

    @Test
    void packsWithMoreRecordsThanTheLimitAreRefused() {
        String many = "[" + "{\"n\":\"level\",\"v\":1},".repeat(100) + "{\"n\":\"level\",\"v\":1}]";
        assertThatThrownBy(() -> cbor.decode(toCbor(many), NOW)).hasMessageContaining("more than 100");
    }

    private static final Map<String, Integer> LABELS = Map.ofEntries(
            Map.entry("bver", -1),
            Map.entry("bn", -2),
            Map.entry("bt", -3),
            Map.entry("bu", -4),
            Map.entry("bv", -5),
            Map.entry("bs", -6),
            Map.entry("n", 0),
            Map.entry("u", 1),
            Map.entry("v", 2),
            Map.entry("vs", 3),
            Map.entry("vb", 4),
            Map.entry("s", 5),
            Map.entry("t", 6),
            Map.entry("ut", 7),
            Map.entry("vd", 8));

    /** Writes a SenML JSON pack as SenML CBOR with Jackson's generator: integer labels, ints where integral. */
    static byte[] toCbor(String jsonPack) {
        try {
            JsonNode pack = new ObjectMapper().readTree(jsonPack);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
                g.writeStartArray(pack, pack.size());
                for (JsonNode record : pack) {
                    g.writeStartObject(record, record.size());
                    for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> field = it.next();
                        g.writeFieldId(LABELS.get(field.getKey()));
                        JsonNode value = field.getValue();
                        if (field.getKey().equals("vd")) {
                            g.writeBinary(Base64.getUrlDecoder().decode(value.asText()));
                        } else if (value.isIntegralNumber()) {
                            g.writeNumber(value.longValue());
                        } else if (value.isNumber()) {
                            g.writeNumber(value.doubleValue());
                        } else if (value.isBoolean()) {
                            g.writeBoolean(value.booleanValue());
                        } else {
                            g.writeString(value.asText());
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
