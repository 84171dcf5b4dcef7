package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.Devices;
import org.kawamori.deploy.fixtures.Http;

/** What an operator's Prometheus and an orchestrator's probes read off a running Kawamori. */
class OperationsEndpointsTest {

    private static RunningKawamori kawamori;
    private static Http web;

    @BeforeAll
    static void start() throws Exception {
        kawamori = givenKawamori().withEmbeddedBroker().withLocalPostgres().start();
        web = new Http(kawamori.endpoints().mapUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (kawamori != null) {
            kawamori.close();
        }
    }

    @Test
    void metricsCountAcceptedMessagesAndRejectionsByReason() throws Exception {
        double acceptedBefore = value(scrape(), "kawamori_ingest_messages_total", "kind=\"readings\"");
        double malformedBefore = value(scrape(), "kawamori_ingest_rejected_total", "reason=\"malformed-payload\"");
        double rowsBefore = value(scrape(), "kawamori_writer_rows_total", "writer=\"readings\"");

        CoapResponse good = Devices.post(
                kawamori.endpoints().coapUri(), "/s/demo-gauge-1", "[{\"n\":\"level\",\"u\":\"m\",\"v\":1.23}]");
        CoapResponse bad = Devices.post(kawamori.endpoints().coapUri(), "/s/demo-gauge-1", "[{\"n\":\"level\"");
        assertThat(good.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(bad.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);

        System.gc(); // what the metrics read must survive a collection
        String after = scrape();
        assertThat(value(after, "kawamori_ingest_messages_total", "kind=\"readings\""))
                .isEqualTo(acceptedBefore + 1);
        assertThat(value(after, "kawamori_ingest_rejected_total", "reason=\"malformed-payload\""))
                .isEqualTo(malformedBefore + 1);
        assertThat(value(after, "kawamori_writer_rows_total", "writer=\"readings\""))
                .isEqualTo(rowsBefore + 1);
        assertThat(after)
                .contains("kawamori_writer_queued_rows{writer=\"detections\"}")
                .contains("kawamori_mqtt_in_flight")
                .doesNotContain("NaN")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void livenessIsUpAndReadinessReportsTheComponents() throws Exception {
        HttpResponse<String> live = web.get("/health/live");
        HttpResponse<String> ready = web.get("/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"", "\"broker\"", "\"writer-readings\"");
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = web.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return response.body();
    }

    /** The value of one series, e.g. {@code kawamori_ingest_rejected_total{reason="malformed-payload"}}. */
    private static double value(String scrape, String name, String label) {
        Matcher m = Pattern.compile(
                        "(?m)^" + Pattern.quote(name) + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\} (\\S+)$")
                .matcher(scrape);
        assertThat(m.find()).as(name + "{" + label + "} in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
