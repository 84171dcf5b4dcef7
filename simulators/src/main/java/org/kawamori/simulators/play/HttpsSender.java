package org.kawamori.simulators.play;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends a gateway's batch over HTTPS: {@code POST /api/v1/gateways/{id}/detections} with the gateway's
 * secret as bearer token; 200 (answered after commit) counts as acknowledged.
 */
final class HttpsSender {

    private final String base;
    private final Counters counters;
    private final HttpClient http;

    HttpsSender(String base, boolean trustAnyCertificate, Counters counters) {
        this.base = base;
        this.counters = counters;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (trustAnyCertificate) {
            // a self-signed certificate names no host; read by the JDK when its HTTP client starts
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            builder.sslContext(trustingAnyCertificate());
        }
        this.http = builder.build();
    }

    void send(Outgoing message) {
        SimDevice.SimGateway gateway = (SimDevice.SimGateway) message.sender();
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        base + "/api/v1/gateways/" + gateway.gateway().id().value() + "/detections"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + gateway.secret())
                .header("Content-Type", "application/vnd.kawamori.detections+json")
                .POST(HttpRequest.BodyPublishers.ofString(message.payload()))
                .build();
        counters.sent();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 200) {
                counters.acked(message);
            } else {
                counters.failed();
            }
        });
    }

    private static SSLContext trustingAnyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
