package org.kawamori.deploy;

/** What a started Kawamori actually listens on, for the banner and for tests. */
public record Endpoints(
        String mapUrl,
        String mqttUrl,
        boolean embeddedBroker,
        String coapUri,
        java.util.Optional<String> coapsUri,
        String gatewayHttpsUrl,
        String database,
        java.util.Optional<String> demoFamilyLink) {

    public String banner() {
        return """

                  川守り Kawamori is running
                  ──────────────────────────────────────────────────────────────
                  Map        %s
                  API        %sapi/v1/sensors   health: %shealth
                  MQTT       %s (%s)
                  CoAP       %s/s/{deviceId}
                  CoAP/DTLS  %s
                  Gateways   %s/api/v1/gateways/{gatewayId}/detections (HTTPS, self-signed)
                  Database   %s

                  Send a reading as demo-gauge-1 (Kakogawa, 282103):
                    mosquitto_pub -V mqttv5 -h %s -p %s -q 1 -u demo-gauge-1 -P demo-secret \\
                      -t kawamori/282103/sensors/demo-gauge-1/up -m '[{"n":"level","u":"m","v":3.21}]'
                    coap-client-notls -m post -t 110 -e '[{"n":"level","u":"m","v":3.45}]' \\
                      %s/s/demo-gauge-1
                %s  Stop with Ctrl+C
                """
                .formatted(
                        mapUrl,
                        mapUrl,
                        mapUrl,
                        mqttUrl,
                        embeddedBroker ? "embedded HiveMQ CE" : "external broker",
                        coapUri,
                        coapsUri.map(u -> u + "/s/{deviceId} (PSK; demo-gauge-1: key demo-dtls-key)")
                                .orElse("off (no PSK master key)"),
                        gatewayHttpsUrl,
                        database,
                        host(mqttUrl),
                        port(mqttUrl),
                        coapUri,
                        logins());
    }

    private String logins() {
        return demoFamilyLink
                .map(link -> ("  Log in at %slogin.html\n"
                                + "    officer of Kakogawa   %s / %s\n"
                                + "    guardian of demo-tag-1  %s / %s, or open %sfamily.html#link=%s\n\n")
                        .formatted(
                                mapUrl,
                                DemoAccounts.OFFICER,
                                DemoAccounts.OFFICER_PASSWORD,
                                DemoAccounts.GUARDIAN,
                                DemoAccounts.GUARDIAN_PASSWORD,
                                mapUrl,
                                link))
                .orElse("");
    }

    private static String host(String url) {
        return java.net.URI.create(url).getHost();
    }

    private static String port(String url) {
        return String.valueOf(java.net.URI.create(url).getPort());
    }
}
