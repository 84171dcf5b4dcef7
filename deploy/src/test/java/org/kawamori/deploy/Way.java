package org.kawamori.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.deploy.BothModes.Fleet;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.HttpsClients;

/**
 * A way into Kawamori, with the real client a device uses on it: Paho through the embedded HiveMQ
 * (logged in with the device's secret) or through the machine's Mosquitto (anonymous), Californium
 * over CoAP and over DTLS with the device's PSK, Java's HttpClient over HTTPS with the gateway's
 * bearer token. MQTT through Mosquitto reaches the external-mode Kawamori, every other way the
 * demo-mode one ({@link BothModes}).
 */
enum Way {
    MQTT_EMBEDDED_BROKER,
    MQTT_MOSQUITTO,
    COAP,
    /** Sensors only: a PSK belongs to a sensor (table device_psk); gateways have none. */
    COAP_DTLS,
    /** Gateways only. */
    HTTPS;

    static final String SENML_JSON = "application/senml+json";
    static final String SENML_CBOR = "application/senml+cbor";
    static final String BATCH_JSON = "application/vnd.kawamori.detections+json";
    /** For {@link Message#contentType()}: send no content type or content-format at all. */
    static final String NONE = "none";

    /** Who sends: a sensor or a gateway, with what it logs in with on each way. */
    record Sender(String id, MunicipalityCode municipality, boolean gateway, String secret, String dtlsKey) {
        static final Sender DEMO_GAUGE = new Sender(
                DemoDevices.DEMO_GAUGE_ID,
                Fleet.KAKOGAWA,
                false,
                DemoDevices.DEMO_GAUGE_SECRET,
                DemoDevices.DEMO_DTLS_KEY);
        static final Sender DEMO_CAMERA =
                new Sender(DemoDevices.DEMO_CAMERA_ID, Fleet.KAKOGAWA, true, DemoDevices.DEMO_GAUGE_SECRET, null);
        static final Sender PHONE = new Sender(Fleet.PHONE, Fleet.TAKASAGO, true, Fleet.PHONE_SECRET, null);
        static final Sender VEHICLE = new Sender(Fleet.VEHICLE, Fleet.KAKOGAWA, true, Fleet.VEHICLE_SECRET, null);
    }

    /** One message as it goes out: topic or path, content type (or {@link #NONE}), bytes. */
    record Message(String address, String contentType, byte[] payload) {}

    /**
     * What the sender got back: "PUBACK 0x00" (the broker took it), "PUBACK 0x87" or "DISCONNECT 0x87"
     * (the broker refused it), "refused 0x86" (the broker refused the login); a CoAP code such as "2.04" or "4.00" with its payload; an HTTP status such as "200" with its
     * body; "no answer".
     */
    record Answer(String status, String contentType, String body) {
        boolean isSuccess() {
            return status.equals("PUBACK 0x00") || status.equals("2.04") || status.equals("200");
        }

        @Override
        public String toString() {
            return status + (body.isEmpty() ? "" : " " + contentType + " " + body);
        }
    }

    private static HttpClient https;

    KawamoriApp app() {
        return this == MQTT_MOSQUITTO ? BothModes.externalMode() : BothModes.demoMode();
    }

    boolean carriesReadings() {
        return this != HTTPS;
    }

    boolean carriesBatches() {
        return this != COAP_DTLS;
    }

    static Stream<Way> forReadings() {
        return Arrays.stream(values()).filter(Way::carriesReadings);
    }

    static Stream<Way> forBatches() {
        return Arrays.stream(values()).filter(Way::carriesBatches);
    }

    /** The topic or path a sender sends to on this way. */
    String addressOf(Sender sender) {
        return switch (this) {
            case MQTT_EMBEDDED_BROKER, MQTT_MOSQUITTO ->
                "kawamori/" + sender.municipality().value() + (sender.gateway() ? "/gateways/" : "/sensors/")
                        + sender.id() + (sender.gateway() ? "/detections" : "/up");
            case COAP, COAP_DTLS -> (sender.gateway() ? "/g/" : "/s/") + sender.id();
            case HTTPS -> "/api/v1/gateways/" + sender.id() + "/detections";
        };
    }

    /** The content type a sender puts on its readings or batches on this way. */
    String contentTypeOf(Sender sender) {
        if (!sender.gateway()) {
            return SENML_JSON;
        }
        return this == COAP ? "application/json" : BATCH_JSON;
    }

    /** Sends a reading or batch as the sender to its own address. */
    Answer send(Sender sender, String payload) throws Exception {
        return send(sender, new Message(addressOf(sender), contentTypeOf(sender), payload.getBytes(UTF_8)));
    }

    /** Sends a message logged in as the sender (MQTT user, DTLS identity, bearer token), whatever its address. */
    Answer send(Sender sender, Message message) throws Exception {
        Endpoints e = app().endpoints();
        Optional<String> mqttType =
                message.contentType().equals(NONE) ? Optional.empty() : Optional.of(message.contentType());
        int coapFormat = message.contentType().equals(NONE)
                ? MediaTypeRegistry.UNDEFINED
                : MediaTypeRegistry.parse(message.contentType());
        try {
            return sendWith(e, sender, message, mqttType, coapFormat);
        } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
            // the broker refused the connection (a wrong password) or dropped it
            return new Answer(
                    String.format("refused 0x%02x", refused.getReasonCode()),
                    "",
                    refused + " " + java.util.Arrays.toString(java.util.Arrays.copyOf(refused.getStackTrace(), 3)));
        }
    }

    private Answer sendWith(Endpoints e, Sender sender, Message message, Optional<String> mqttType, int coapFormat)
            throws Exception {
        return switch (this) {
            case MQTT_EMBEDDED_BROKER ->
                puback(Devices.publish(
                        e.mqttUrl(),
                        Optional.of(new String[] {sender.id(), sender.secret()}),
                        message.address(),
                        message.payload(),
                        mqttType));
            case MQTT_MOSQUITTO ->
                puback(Devices.publish(e.mqttUrl(), Optional.empty(), message.address(), message.payload(), mqttType));
            case COAP -> coap(Devices.post(e.coapUri(), message.address(), message.payload(), coapFormat));
            case COAP_DTLS ->
                coap(Devices.postOverDtls(
                        e.coapsUri().orElseThrow(),
                        message.address(),
                        sender.id(),
                        sender.dtlsKey(),
                        message.payload(),
                        coapFormat));
            case HTTPS -> https(e, sender, message);
        };
    }

    private static Answer puback(Devices.Published published) {
        return new Answer(String.format("%s 0x%02x", published.packet(), published.reasonCode()), "", "");
    }

    private static Answer coap(CoapResponse response) {
        if (response == null) {
            return new Answer("no answer", "", "");
        }
        var code = response.getCode();
        return new Answer(
                String.format("%d.%02d", code.codeClass, code.codeDetail),
                MediaTypeRegistry.toString(response.getOptions().getContentFormat()),
                response.getResponseText() == null ? "" : response.getResponseText());
    }

    private static Answer https(Endpoints e, Sender sender, Message message) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(e.gatewayHttpsUrl() + message.address()))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + sender.secret())
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.payload()));
        if (!message.contentType().equals(NONE)) {
            request.header("Content-Type", message.contentType());
        }
        HttpResponse<String> answer = httpsClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                String.valueOf(answer.statusCode()),
                answer.headers().firstValue("Content-Type").orElse(""),
                answer.body());
    }

    private static synchronized HttpClient httpsClient() throws Exception {
        if (https == null) {
            https = HttpsClients.trustingSelfSigned();
        }
        return https;
    }
}
