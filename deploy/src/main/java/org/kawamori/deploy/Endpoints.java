package org.kawamori.deploy;

/** What a started Kawamori actually listens on, for the banner and for tests. */
public record Endpoints(String mapUrl, String mqttUrl, boolean embeddedBroker, String coapUri, String database) {

    public String banner() {
        return """

                  川守り Kawamori is running
                  ──────────────────────────────────────────────────────────────
                  Map        %s
                  API        %sapi/v1/sensors   health: %shealth
                  MQTT       %s (%s)
                  CoAP       %s/s/{deviceId}
                  Database   %s
                  Try it:    demo-gauge-1 (municipality 282103, password demo-secret)
                             see README.md for mosquitto_pub and coap-client lines
                  Stop with Ctrl+C
                """
                .formatted(
                        mapUrl,
                        mapUrl,
                        mapUrl,
                        mqttUrl,
                        embeddedBroker ? "embedded HiveMQ CE" : "external broker",
                        coapUri,
                        database);
    }
}
