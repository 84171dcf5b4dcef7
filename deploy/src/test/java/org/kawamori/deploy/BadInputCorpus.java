package org.kawamori.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.kawamori.core.ingest.RejectionReason.DEVICE_DISABLED;
import static org.kawamori.core.ingest.RejectionReason.DEVICE_MISMATCH;
import static org.kawamori.core.ingest.RejectionReason.EMPTY_PAYLOAD;
import static org.kawamori.core.ingest.RejectionReason.MALFORMED_ADVERTISEMENT;
import static org.kawamori.core.ingest.RejectionReason.MALFORMED_BATCH;
import static org.kawamori.core.ingest.RejectionReason.MALFORMED_PAYLOAD;
import static org.kawamori.core.ingest.RejectionReason.MISSING_POSITION;
import static org.kawamori.core.ingest.RejectionReason.NOT_AUTHORIZED;
import static org.kawamori.core.ingest.RejectionReason.PAYLOAD_TOO_LARGE;
import static org.kawamori.core.ingest.RejectionReason.TIMESTAMP_OUT_OF_RANGE;
import static org.kawamori.core.ingest.RejectionReason.UNKNOWN_DEVICE;
import static org.kawamori.core.ingest.RejectionReason.UNKNOWN_MEASUREMENT;
import static org.kawamori.core.ingest.RejectionReason.UNSUPPORTED_CONTENT_FORMAT;
import static org.kawamori.core.ingest.RejectionReason.VALUE_OUT_OF_RANGE;
import static org.kawamori.core.ingest.RejectionReason.WRONG_MUNICIPALITY;
import static org.kawamori.core.ingest.RejectionReason.WRONG_TOPIC;
import static org.kawamori.core.ingest.RejectionReason.WRONG_UNIT;
import static org.kawamori.deploy.Way.COAP;
import static org.kawamori.deploy.Way.COAP_DTLS;
import static org.kawamori.deploy.Way.HTTPS;
import static org.kawamori.deploy.Way.MQTT_EMBEDDED_BROKER;
import static org.kawamori.deploy.Way.MQTT_MOSQUITTO;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.deploy.BothModes.Fleet;
import org.kawamori.deploy.Way.Sender;

/**
 * The bad-input corpus that {@link BadInputTest} runs end to end, one prose line per case:
 * {@code reading("…").over(way).to(address).typed(type).sends(payload).refusedAs(reason, detail)}.
 * {@code {t}} and {@code {iso}} in a payload stand for the time it is sent.
 */
final class BadInputCorpus {

    private BadInputCorpus() {}

    static final String GAUGE_TOPIC = "kawamori/282103/sensors/demo-gauge-1/up";
    static final String CAMERA_TOPIC = "kawamori/282103/gateways/demo-camera-1/detections";
    static final String LEVEL = "[{\"n\":\"level\",\"u\":\"m\",\"v\":1.23,\"t\":{t}}]";
    static final String ONE_TAG = "{\"v\":1,\"detections\":[{\"tag\":\"demo-tag-1\",\"time\":\"{iso}\",\"rssi\":-70}]}";

    /** A batch of one raw advertisement, heard now. */
    static String adv(String hex) {
        return "{\"v\":1,\"detections\":[{\"adv\":\"" + hex + "\",\"time\":\"{iso}\",\"rssi\":-70}]}";
    }

    /** A batch of one detection with these fields besides the tag and the time. */
    static String detection(String fields) {
        return "{\"v\":1,\"detections\":[{\"tag\":\"demo-tag-1\",\"time\":\"{iso}\"," + fields + "}]}";
    }

    static final List<BadInput> CORPUS = List.of(
            // SenML over Mosquitto: anyone may publish, Kawamori refuses
            reading("truncated SenML JSON")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":1.0,\"t\":{t}")
                    .refusedAs(MALFORMED_PAYLOAD, "not valid JSON"),
            reading("a JSON object instead of a SenML array")
                    .over(MQTT_MOSQUITTO)
                    .sends("{\"n\":\"level\",\"v\":1.0,\"t\":{t}}")
                    .refusedAs(MALFORMED_PAYLOAD, "must be an array of records"),
            reading("a SenML pack without records")
                    .over(MQTT_MOSQUITTO)
                    .sends("[]")
                    .refusedAs(MALFORMED_PAYLOAD, "has no records"),
            reading("a record with a key twice")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"n\":\"depth\",\"v\":1.0,\"t\":{t}}]")
                    .refusedAs(MALFORMED_PAYLOAD, "Duplicate field 'n'"),
            reading("a must-understand field")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":1.0,\"t\":{t},\"x_\":1}]")
                    .refusedAs(MALFORMED_PAYLOAD, "must-understand field 'x_'"),
            reading("a newer SenML version")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"bver\":11,\"n\":\"level\",\"v\":1.0,\"t\":{t}}]")
                    .refusedAs(MALFORMED_PAYLOAD, "needs SenML version 11.0"),
            reading("an unknown device")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282103/sensors/ghost-gauge/up")
                    .sends(LEVEL)
                    .refusedAs(UNKNOWN_DEVICE, "device 'ghost-gauge' is not registered"),
            reading("a disabled device")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282103/sensors/e2e-disabled-gauge/up")
                    .sends(LEVEL)
                    .refusedAs(DEVICE_DISABLED, "device 'e2e-disabled-gauge' is disabled"),
            reading("a Kakogawa gauge on a Takasago topic")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282162/sensors/demo-gauge-1/up")
                    .sends(LEVEL)
                    .refusedAs(WRONG_MUNICIPALITY, "belongs to 282103, not 282162"),
            reading("a municipality code with a wrong check digit")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282100/sensors/demo-gauge-1/up")
                    .sends(LEVEL)
                    .refusedAs(WRONG_TOPIC, "no valid municipality"),
            reading("a topic naming no device")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282103/sensors/-gauge/up")
                    .sends(LEVEL)
                    .refusedAs(WRONG_TOPIC, "no valid device id"),
            reading("a base name naming another device")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"bn\":\"urn:dev:kawamori:e2e-gauge-2:\",\"n\":\"level\",\"v\":1.0,\"t\":{t}}]")
                    .refusedAs(DEVICE_MISMATCH, "names device 'e2e-gauge-2'"),
            reading("a temperature")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5,\"t\":{t}}]")
                    .refusedAs(UNKNOWN_MEASUREMENT, "does not report 'temperature'"),
            reading("an inundation depth from a river gauge")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"depth\",\"u\":\"m\",\"v\":0.2,\"t\":{t}}]")
                    .refusedAs(UNKNOWN_MEASUREMENT, "RIVER_GAUGE does not report 'depth'"),
            reading("a level in centimetres")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"u\":\"cm\",\"v\":321,\"t\":{t}}]")
                    .refusedAs(WRONG_UNIT, "'level' must be in 'm', not 'cm'"),
            reading("a level of 500 m")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"u\":\"m\",\"v\":500,\"t\":{t}}]")
                    .refusedAs(VALUE_OUT_OF_RANGE, "level=500.0 is outside -20.0..100.0 m"),
            reading("a level of -25 m")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":-25,\"t\":{t}}]")
                    .refusedAs(VALUE_OUT_OF_RANGE, "level=-25.0 is outside"),
            reading("a battery of 150 %")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"battery\",\"u\":\"%EL\",\"v\":150,\"t\":{t}}]")
                    .refusedAs(VALUE_OUT_OF_RANGE, "battery=150.0 is outside 0.0..100.0 %EL"),
            reading("an inundation depth of 12 m")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282103/sensors/e2e-inundation-1/up")
                    .sends("[{\"n\":\"depth\",\"u\":\"m\",\"v\":12,\"t\":{t}}]")
                    .refusedAs(VALUE_OUT_OF_RANGE, "depth=12.0 is outside 0.0..10.0 m"),
            reading("a negative inundation depth")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282103/sensors/e2e-inundation-1/up")
                    .sends("[{\"n\":\"depth\",\"v\":-0.1,\"t\":{t}}]")
                    .refusedAs(VALUE_OUT_OF_RANGE, "depth=-0.1 is outside"),
            reading("NaN as a value")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":NaN,\"t\":{t}}]")
                    .refusedAs(MALFORMED_PAYLOAD, "not valid JSON"),
            reading("a level as a string")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":\"3.21\",\"t\":{t}}]")
                    .refusedAs(MALFORMED_PAYLOAD, "has a 'v' that is not a number"),
            reading("a level as a string value (vs)")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"vs\":\"high\",\"t\":{t}}]")
                    .refusedAs(MALFORMED_PAYLOAD, "'level' needs a numeric value (v)"),
            reading("a time an hour ahead")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":1.0,\"t\":{future}}]")
                    .refusedAs(TIMESTAMP_OUT_OF_RANGE, "is outside the accepted window"),
            reading("a time 31 days ago")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":1.0,\"t\":{past}}]")
                    .refusedAs(TIMESTAMP_OUT_OF_RANGE, "is outside the accepted window"),
            reading("a time 10^10 years ago")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":1.0,\"t\":-3e17,\"bt\":{t}}]")
                    .refusedAs(MALFORMED_PAYLOAD, "has a time before the year 0"),
            reading("a time of -2^64 s plus an hour ago (wraps around in 64 bits)")
                    .over(MQTT_MOSQUITTO)
                    .sends("[{\"n\":\"level\",\"v\":1.0,\"t\":{wrapped}}]")
                    .refusedAs(MALFORMED_PAYLOAD, "has a time before the year 0"),
            reading("70,000 bytes")
                    .over(MQTT_MOSQUITTO)
                    .sends(padded("[{\"n\":\"level\",\"v\":1.0}]", 70_000))
                    .refusedAs(PAYLOAD_TOO_LARGE, "the payload has 70000 bytes, the limit is 65536"),
            reading("an empty payload").over(MQTT_MOSQUITTO).sends("").refusedAs(EMPTY_PAYLOAD, "the payload is empty"),
            reading("plain text (MQTT 5 content type)")
                    .over(MQTT_MOSQUITTO)
                    .typed("text/plain")
                    .sends("level=1.23")
                    .refusedAs(UNSUPPORTED_CONTENT_FORMAT, "content type 'text/plain' is not supported"),
            reading("1,001 records")
                    .over(MQTT_MOSQUITTO)
                    .sends(records(1_001))
                    .refusedAs(MALFORMED_PAYLOAD, "has 1001 records, more than 1000"),
            reading("truncated SenML CBOR (MQTT 5 content type)")
                    .over(MQTT_MOSQUITTO)
                    .typed(Way.SENML_CBOR)
                    .sendsHex("81A200656C6576")
                    .refusedAs(MALFORMED_PAYLOAD, "CBOR"),

            // gateway batches over Mosquitto
            batch("truncated batch JSON")
                    .over(MQTT_MOSQUITTO)
                    .sends("{\"v\":1,\"detections\":[{\"tag\":\"demo-tag-1\",\"time\":\"{iso}\"")
                    .refusedAs(MALFORMED_BATCH, "malformed-json: not well-formed JSON"),
            batch("a JSON array instead of a batch")
                    .over(MQTT_MOSQUITTO)
                    .sends("[" + ONE_TAG + "]")
                    .refusedAs(MALFORMED_BATCH, "not-an-object"),
            batch("version 2")
                    .over(MQTT_MOSQUITTO)
                    .sends(ONE_TAG.replace("\"v\":1", "\"v\":2"))
                    .refusedAs(MALFORMED_BATCH, "unsupported-version: \"v\" must be 1"),
            batch("an unknown field")
                    .over(MQTT_MOSQUITTO)
                    .sends(ONE_TAG.replace("\"v\":1", "\"v\":1,\"battery\":80"))
                    .refusedAs(MALFORMED_BATCH, "unknown-field: the batch has an unknown field"),
            batch("a field twice")
                    .over(MQTT_MOSQUITTO)
                    .sends(ONE_TAG.replace("\"v\":1", "\"v\":1,\"v\":1"))
                    .refusedAs(MALFORMED_BATCH, "duplicate-field"),
            batch("no detections field")
                    .over(MQTT_MOSQUITTO)
                    .sends("{\"v\":1,\"sent\":\"{iso}\"}")
                    .refusedAs(MALFORMED_BATCH, "missing-field: \"detections\" is required"),
            batch("no detections")
                    .over(MQTT_MOSQUITTO)
                    .sends("{\"v\":1,\"sent\":\"{iso}\",\"detections\":[]}")
                    .refusedAs(MALFORMED_BATCH, "empty-batch"),
            batch("1,001 detections")
                    .over(MQTT_MOSQUITTO)
                    .sends(detections(1_001))
                    .refusedAs(MALFORMED_BATCH, "too-many-detections: 1001 detections, at most 1000"),
            batch("a detection with both tag and adv")
                    .over(MQTT_MOSQUITTO)
                    .sends(detection("\"adv\":\"" + Fleet.IBEACON_ADV + "\",\"rssi\":-70"))
                    .refusedAs(MALFORMED_BATCH, "tag-and-adv"),
            batch("a tag id with a space")
                    .over(MQTT_MOSQUITTO)
                    .sends(ONE_TAG.replace("demo-tag-1", "demo tag 1"))
                    .refusedAs(MALFORMED_BATCH, "bad-tag: detection 1"),
            batch("a time in words")
                    .over(MQTT_MOSQUITTO)
                    .sends("{\"v\":1,\"sent\":\"{iso}\",\"detections\":[{\"tag\":\"demo-tag-1\",\"time\":\"yesterday\","
                            + "\"rssi\":-70}]}")
                    .refusedAs(MALFORMED_BATCH, "bad-time: detection 1 \"time\""),
            batch("a detection an hour ahead")
                    .over(MQTT_MOSQUITTO)
                    .sends(ONE_TAG.replace("{iso}", "{isoFuture}"))
                    .refusedAs(MALFORMED_BATCH, "time-out-of-window: detection 1"),
            batch("an RSSI of -200 dBm")
                    .over(MQTT_MOSQUITTO)
                    .sends(detection("\"rssi\":-200"))
                    .refusedAs(MALFORMED_BATCH, "bad-rssi: detection 1"),
            batch("an RSSI of 2^32 - 70 dBm")
                    .over(MQTT_MOSQUITTO)
                    .sends(detection("\"rssi\":4294967226"))
                    .refusedAs(MALFORMED_BATCH, "bad-rssi: detection 1"),
            batch("version 2^32 + 1")
                    .over(MQTT_MOSQUITTO)
                    .sends(ONE_TAG.replace("\"v\":1", "\"v\":4294967297"))
                    .refusedAs(MALFORMED_BATCH, "unsupported-version"),
            batch("a latitude of 91")
                    .over(MQTT_MOSQUITTO)
                    .sends(detection("\"rssi\":-70,\"position\":{\"lat\":91,\"lon\":134.8}"))
                    .refusedAs(MALFORMED_BATCH, "bad-position: detection 1: lat or lon out of range"),
            batch("a gateway id that is a number")
                    .over(MQTT_MOSQUITTO)
                    .sends(ONE_TAG.replace("\"v\":1", "\"v\":1,\"gateway\":7"))
                    .refusedAs(MALFORMED_BATCH, "bad-gateway"),
            batch("an unknown gateway")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282103/gateways/ghost-camera/detections")
                    .sends(ONE_TAG)
                    .refusedAs(UNKNOWN_DEVICE, "gateway 'ghost-camera' is not registered"),
            batch("a disabled gateway")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282103/gateways/e2e-disabled-camera/detections")
                    .sends(ONE_TAG)
                    .refusedAs(DEVICE_DISABLED, "gateway 'e2e-disabled-camera' is disabled"),
            batch("the Kakogawa camera on a Takasago topic")
                    .over(MQTT_MOSQUITTO)
                    .to("kawamori/282162/gateways/demo-camera-1/detections")
                    .sends(ONE_TAG)
                    .refusedAs(WRONG_MUNICIPALITY, "gateway 'demo-camera-1' belongs to 282103, not 282162"),
            batch("the Takasago phone on the Kakogawa camera's topic, naming itself")
                    .over(MQTT_MOSQUITTO)
                    .to(CAMERA_TOPIC)
                    .sends(ONE_TAG.replace("\"v\":1", "\"v\":1,\"gateway\":\"phone-7f3a\""))
                    .refusedAs(DEVICE_MISMATCH, "the batch names another gateway than the topic"),
            batch("a phone's detection without a position")
                    .over(MQTT_MOSQUITTO)
                    .as(Sender.PHONE)
                    .sends(ONE_TAG)
                    .refusedAs(MISSING_POSITION, "detection 1 has no position and the gateway moves"),

            // SenML over CoAP: the device is told 4.xx with "reason-code: detail"
            reading("truncated SenML CBOR")
                    .over(COAP)
                    .typed(Way.SENML_CBOR)
                    .sendsHex("81A200656C6576")
                    .refusedAs(MALFORMED_PAYLOAD, "CBOR"),
            reading("NaN in SenML CBOR")
                    .over(COAP)
                    .typed(Way.SENML_CBOR)
                    .sendsHex("81A200656C6576656C02F97E00")
                    .refusedAs(MALFORMED_PAYLOAD, "not a finite number"),
            reading("SenML CBOR with a text key")
                    .over(COAP)
                    .typed(Way.SENML_CBOR)
                    .sendsHex("81A1616E656C6576656C")
                    .refusedAs(MALFORMED_PAYLOAD, "text key 'n'"),
            reading("SenML CBOR declaring 1,001 records")
                    .over(COAP)
                    .typed(Way.SENML_CBOR)
                    .sendsHex("9903E9A0")
                    .refusedAs(MALFORMED_PAYLOAD, "has 1001 records, more than 1000"),
            reading("plain text (content-format 0)")
                    .over(COAP)
                    .typed("text/plain")
                    .sends("level=1.23 {t}")
                    .refusedAs(UNSUPPORTED_CONTENT_FORMAT, "content type 'text/plain' is not supported"),
            reading("no content-format")
                    .over(COAP)
                    .typed(Way.NONE)
                    .sends(LEVEL)
                    .refusedAs(UNSUPPORTED_CONTENT_FORMAT, "content type 'none' is not supported"),
            reading("an empty payload").over(COAP).sends("").refusedAs(EMPTY_PAYLOAD, "the payload is empty"),
            reading("a path naming no device")
                    .over(COAP)
                    .to("/s/-gauge")
                    .sends(LEVEL)
                    .refusedAs(WRONG_TOPIC, "path is not /s/{id}"),
            reading("an unknown device")
                    .over(COAP)
                    .to("/s/ghost-gauge")
                    .sends(LEVEL)
                    .refusedAs(UNKNOWN_DEVICE, "device 'ghost-gauge' is not registered"),
            reading("a disabled device")
                    .over(COAP)
                    .to("/s/e2e-disabled-gauge")
                    .sends(LEVEL)
                    .refusedAs(DEVICE_DISABLED, "is disabled"),
            reading("a base name naming another device")
                    .over(COAP)
                    .sends("[{\"bn\":\"urn:dev:kawamori:e2e-gauge-2:\",\"n\":\"level\",\"v\":1.0,\"t\":{t}}]")
                    .refusedAs(DEVICE_MISMATCH, "names device 'e2e-gauge-2'"),
            reading("a level in feet")
                    .over(COAP)
                    .sends("[{\"n\":\"level\",\"u\":\"ft\",\"v\":10,\"t\":{t}}]")
                    .refusedAs(WRONG_UNIT, "not 'ft'"),
            reading("a time 31 days ago")
                    .over(COAP)
                    .sends("[{\"n\":\"level\",\"v\":1.0,\"t\":{past}}]")
                    .refusedAs(TIMESTAMP_OUT_OF_RANGE, "is outside the accepted window"),
            reading("a battery of -5 %")
                    .over(COAP)
                    .sends("[{\"n\":\"battery\",\"v\":-5,\"t\":{t}}]")
                    .refusedAs(VALUE_OUT_OF_RANGE, "battery=-5.0 is outside"),

            // gateway batches over CoAP, POST /g/{id}
            batch("an unknown gateway")
                    .over(COAP)
                    .to("/g/ghost-camera")
                    .sends(ONE_TAG)
                    .refusedAs(UNKNOWN_DEVICE, "gateway 'ghost-camera' is not registered"),
            batch("a disabled gateway")
                    .over(COAP)
                    .to("/g/e2e-disabled-camera")
                    .sends(ONE_TAG)
                    .refusedAs(DEVICE_DISABLED, "is disabled"),
            batch("plain text (content-format 0)")
                    .over(COAP)
                    .typed("text/plain")
                    .sends(ONE_TAG)
                    .refusedAs(UNSUPPORTED_CONTENT_FORMAT, "send application/vnd.kawamori.detections+json"),
            batch("an empty payload").over(COAP).sends("").refusedAs(EMPTY_PAYLOAD, "the payload is empty"),
            batch("an advertisement that is not hex")
                    .over(COAP)
                    .sends(adv("0201061AFF4C00XY"))
                    .refusedAs(MALFORMED_BATCH, "bad-adv: detection 1"),
            batch("a truncated AD structure")
                    .over(COAP)
                    .sends(adv("0201061AFF4C000215"))
                    .refusedAs(MALFORMED_ADVERTISEMENT, "detection 1: truncated-structure"),
            batch("two Eddystone-EID frames in one advertisement")
                    .over(COAP)
                    .sends(adv("0D16AAFE30EC00112233445566770D16AAFE30EC8899AABBCCDDEEFF"))
                    .refusedAs(MALFORMED_ADVERTISEMENT, "detection 1: multiple-frames"),
            batch("an Eddystone-UID frame of 1 byte")
                    .over(COAP)
                    .sends(adv("0201060416AAFE00"))
                    .refusedAs(MALFORMED_ADVERTISEMENT, "detection 1: bad-eddystone-length"),
            batch("a vehicle's detection without a position")
                    .over(COAP)
                    .as(Sender.VEHICLE)
                    .sends(ONE_TAG)
                    .refusedAs(MISSING_POSITION, "detection 1 has no position and the gateway moves"),

            // CoAP over DTLS: the PSK identity is the sender
            reading("demo-gauge-1's DTLS identity posting for another gauge")
                    .over(COAP_DTLS)
                    .to("/s/e2e-gauge-2")
                    .sends(LEVEL)
                    .refusedAs(NOT_AUTHORIZED, "the sender is authenticated as another device"),
            batch("demo-gauge-1's DTLS identity posting a batch as the camera")
                    .over(COAP_DTLS)
                    .as(Sender.DEMO_GAUGE)
                    .to("/g/demo-camera-1")
                    .typed("application/json")
                    .sends(ONE_TAG)
                    .refusedAs(NOT_AUTHORIZED, "the sender is authenticated as another device"),
            reading("an unknown device over DTLS")
                    .over(COAP_DTLS)
                    .to("/s/ghost-gauge")
                    .sends(LEVEL)
                    .refusedAs(UNKNOWN_DEVICE, "device 'ghost-gauge' is not registered"),
            reading("a level of 101 m over DTLS")
                    .over(COAP_DTLS)
                    .sends("[{\"n\":\"level\",\"v\":101,\"t\":{t}}]")
                    .refusedAs(VALUE_OUT_OF_RANGE, "level=101.0 is outside"),

            // gateway batches over HTTPS: problem+json
            batch("truncated batch JSON")
                    .over(HTTPS)
                    .sends("{\"v\":1,\"detections\":[")
                    .refusedAs(MALFORMED_BATCH, "malformed-json"),
            batch("plain text")
                    .over(HTTPS)
                    .typed("text/plain")
                    .sends(ONE_TAG)
                    .refusedAs(UNSUPPORTED_CONTENT_FORMAT, "content type 'text/plain' is not supported"),
            batch("an empty body").over(HTTPS).sends("").refusedAs(EMPTY_PAYLOAD, "the payload is empty"),
            batch("a batch naming another gateway")
                    .over(HTTPS)
                    .sends(ONE_TAG.replace("\"v\":1", "\"v\":1,\"gateway\":\"phone-7f3a\""))
                    .refusedAs(DEVICE_MISMATCH, "the batch names another gateway"),
            batch("a vehicle's detection without a position")
                    .over(HTTPS)
                    .as(Sender.VEHICLE)
                    .sends(ONE_TAG)
                    .refusedAs(MISSING_POSITION, "detection 1 has no position and the gateway moves"),
            batch("an advertisement with flags only")
                    .over(HTTPS)
                    .sends(adv("0201060303AAFE"))
                    .refusedAs(MALFORMED_ADVERTISEMENT, "detection 1: no-tag-frame"),
            batch("Apple manufacturer data too short for an iBeacon")
                    .over(HTTPS)
                    .sends(adv("02010605FF4C000215"))
                    .refusedAs(MALFORMED_ADVERTISEMENT, "detection 1: bad-ibeacon-length"),
            batch("an Eddystone-URL frame")
                    .over(HTTPS)
                    .sends(adv("0616AAFE10EC00"))
                    .refusedAs(MALFORMED_ADVERTISEMENT, "detection 1: unsupported-eddystone-frame"),
            batch("an encrypted Eddystone-TLM frame")
                    .over(HTTPS)
                    .sends(adv("0516AAFE2001"))
                    .refusedAs(MALFORMED_ADVERTISEMENT, "detection 1: encrypted-tlm"),
            batch("1,001 detections")
                    .over(HTTPS)
                    .sends(detections(1_001))
                    .refusedAs(MALFORMED_BATCH, "too-many-detections"),

            // the embedded broker: devices log in; what reaches Kawamori on their own topic is still checked
            reading("truncated SenML JSON on its own topic")
                    .over(MQTT_EMBEDDED_BROKER)
                    .sends("[{\"n\":\"level\",\"v\":1.0,\"t\":{t}")
                    .refusedAs(MALFORMED_PAYLOAD, "not valid JSON"),
            batch("an RSSI of +30 dBm on its own topic")
                    .over(MQTT_EMBEDDED_BROKER)
                    .sends(detection("\"rssi\":30"))
                    .refusedAs(MALFORMED_BATCH, "bad-rssi"),
            batch("the Takasago phone publishing on the Kakogawa camera's topic")
                    .over(MQTT_EMBEDDED_BROKER)
                    .as(Sender.PHONE)
                    .to(CAMERA_TOPIC)
                    .sends(ONE_TAG)
                    .deniedByTheBroker(),
            reading("demo-gauge-1 publishing on another gauge's topic")
                    .over(MQTT_EMBEDDED_BROKER)
                    .to("kawamori/282103/sensors/e2e-gauge-2/up")
                    .sends(LEVEL)
                    .deniedByTheBroker(),
            reading("demo-gauge-1 with a wrong password")
                    .over(MQTT_EMBEDDED_BROKER)
                    .as(new Sender("demo-gauge-1", Fleet.KAKOGAWA, false, "not-the-secret", null))
                    .to(GAUGE_TOPIC)
                    .sends(LEVEL)
                    .deniedByTheBroker());

    static String records(int n) {
        return "[" + String.join(",", java.util.Collections.nCopies(n, "{\"n\":\"level\",\"v\":1.0}")) + "]";
    }

    static String detections(int n) {
        return "{\"v\":1,\"sent\":\"{iso}\",\"detections\":[" + String.join(",", java.util.Collections.nCopies(n, "{}"))
                + "]}";
    }

    /** The payload, then spaces up to {@code size} bytes (still valid JSON, only too large). */
    static String padded(String payload, int size) {
        return payload + " ".repeat(size - payload.length());
    }

    // ---- the corpus's builder: reading("…").over(way).to(address).typed(type).sends(payload).refusedAs(…)

    static Case reading(String what) {
        return new Case(what, false);
    }

    static Case batch(String what) {
        return new Case(what, true);
    }

    /** One case of the corpus; {@code refusal} null means the embedded broker denies it. */
    record BadInput(
            String what,
            boolean isBatch,
            Way way,
            Sender sender,
            String address,
            String contentType,
            Function<Instant, byte[]> payload,
            RejectionReason refusal,
            String detail) {

        @Override
        public String toString() {
            return (isBatch ? "a batch: " : "a reading: ") + what + " over " + way + " → "
                    + (refusal == null ? "denied by the broker" : refusal.code());
        }
    }

    static final class Case {
        private final String what;
        private final boolean batch;
        private Way way;
        private Sender sender;
        private String address;
        private String contentType;
        private Function<Instant, byte[]> payload;

        private Case(String what, boolean batch) {
            this.what = what;
            this.batch = batch;
        }

        Case over(Way way) {
            this.way = way;
            return this;
        }

        Case as(Sender sender) {
            this.sender = sender;
            return this;
        }

        Case to(String address) {
            this.address = address;
            return this;
        }

        Case typed(String contentType) {
            this.contentType = contentType;
            return this;
        }

        Case sends(String template) {
            this.payload = t -> fill(template, t).getBytes(UTF_8);
            return this;
        }

        Case sendsHex(String hex) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            this.payload = t -> bytes.clone();
            return this;
        }

        BadInput refusedAs(RejectionReason reason, String detail) {
            return build(reason, detail);
        }

        BadInput deniedByTheBroker() {
            return build(null, null);
        }

        private BadInput build(RejectionReason reason, String detail) {
            Sender from = sender != null ? sender : batch ? Sender.DEMO_CAMERA : Sender.DEMO_GAUGE;
            return new BadInput(
                    what,
                    batch,
                    way,
                    from,
                    address != null ? address : way.addressOf(from),
                    contentType != null ? contentType : way.contentTypeOf(from),
                    payload,
                    reason,
                    detail);
        }

        static String fill(String template, Instant t) {
            return template.replace("{t}", Stored.senmlTime(t))
                    .replace("{isoFuture}", t.plusSeconds(3_600).toString())
                    .replace("{iso}", t.toString())
                    .replace("{future}", Stored.senmlTime(t.plusSeconds(3_600)))
                    .replace("{past}", Stored.senmlTime(t.minus(Duration.ofDays(31))))
                    .replace("{wrapped}", Double.toString(-(Math.pow(2, 64) - (t.getEpochSecond() - 3_600))));
        }
    }
}
