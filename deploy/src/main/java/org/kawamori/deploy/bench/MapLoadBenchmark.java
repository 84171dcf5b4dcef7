package org.kawamori.deploy.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.kawamori.deploy.AppConfig;
import org.kawamori.deploy.AppSettings;
import org.kawamori.deploy.KawamoriApp;

/**
 * {@code bench map}: the latest-state endpoint {@code GET /api/v1/sensors} under load, and the public
 * page's time to first draw, with N sensors (10,000 by default) spread over the basin, each with one
 * reading that came in over MQTT like any other. Prints one line per load phase (requests/s, p50, p95,
 * p99, max latency, bytes per answer) and the first-draw times of several cold page loads (median,
 * worst).
 */
public final class MapLoadBenchmark {

    private static final String TOKEN = "bench-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MapBenchOptions options;
    private final PrintStream out;

    public MapLoadBenchmark(MapBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public int run() throws Exception {
        if (!options.share()) {
            System.setProperty("kawamori.map.collection-max-age-ms", "0");
        }
        Path data = Files.createTempDirectory("kawamori-map-bench");
        Optional<String> freshDb = options.dbUrl().map(url -> BenchDatabases.fresh(url, "kawamori_mapbench"));
        try (KawamoriApp app = KawamoriApp.start(config(data, freshDb))) {
            String web = app.endpoints().mapUrl();
            register(web);
            publishUntilAllReported(web);
            out.printf(
                    Locale.ROOT,
                    "kawamori up (%s); %d sensors with one reading each; %d clients, %s per phase; shared collection: %s%n",
                    app.endpoints().database(),
                    options.sensors(),
                    options.clients(),
                    options.duration(),
                    options.share());
            URI sensors = URI.create(web + "api/v1/sensors");
            EndpointLoad.run("warm-up", sensors, options.clients(), Duration.ofSeconds(5), Optional.empty(), 200);
            out.println(EndpointLoad.run(
                            "GET (identity)", sensors, options.clients(), options.duration(), Optional.empty(), 200)
                    .line());
            out.println(EndpointLoad.run(
                            "GET (Accept-Encoding: gzip)",
                            sensors,
                            options.clients(),
                            options.duration(),
                            Optional.of(new String[] {"Accept-Encoding", "gzip"}),
                            200)
                    .line());
            String etag = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(sensors).build(), HttpResponse.BodyHandlers.discarding())
                    .headers()
                    .firstValue("etag")
                    .orElse("\"none\"");
            out.println(EndpointLoad.run(
                            "GET (If-None-Match: 304)",
                            sensors,
                            options.clients(),
                            options.duration(),
                            Optional.of(new String[] {"If-None-Match", etag}),
                            304)
                    .line());
            firstDraws(web);
            return 0;
        } finally {
            freshDb.ifPresent(BenchDatabases::drop);
        }
    }

    private void firstDraws(String web) throws Exception {
        if (options.pageRuns() == 0) {
            return;
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < options.pageRuns(); i++) {
            PageFirstDraw.Draw draw = PageFirstDraw.measure(options.chromium(), web);
            out.printf(
                    Locale.ROOT,
                    "page run %d: %d sensors first drawn at %.0f ms%n",
                    i + 1,
                    draw.sensors(),
                    draw.firstDrawMs());
            times.add(draw.firstDrawMs());
        }
        times.sort(Double::compare);
        out.printf(
                Locale.ROOT,
                "page time to first draw over %d cold loads: median %.0f ms, worst %.0f ms%n",
                times.size(),
                times.get(times.size() / 2),
                times.get(times.size() - 1));
    }

    private AppConfig config(Path data, Optional<String> db) {
        Map<String, String> settings = new HashMap<>();
        settings.put("KAWAMORI_ADMIN_TOKEN", TOKEN);
        settings.put(AppSettings.ALERT_TICK, "PT1H");
        return new AppConfig(
                "127.0.0.1",
                0,
                0,
                0,
                0,
                Optional.empty(),
                new AppConfig.Broker.External(options.mqttUrl(), Optional.empty(), Optional.empty()),
                db.<AppConfig.Database>map(AppConfig.Database.External::new)
                        .orElseGet(() -> new AppConfig.Database.Embedded(data.resolve("postgres"))),
                false,
                false,
                "kawamori-map-bench-" + UUID.randomUUID(),
                Duration.ofMinutes(2),
                AppSettings.of(settings));
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "bench-map-%05d", i);
    }

    /** On a grid over the basin (34.70..35.10 N, 134.75..135.10 E); every tenth an inundation sensor. */
    private void register(String web) throws Exception {
        int side = (int) Math.ceil(Math.sqrt(options.sensors()));
        StringBuilder csv = new StringBuilder("type,id,municipality,kind,name,lat,lon,secret,experimental\n");
        for (int i = 0; i < options.sensors(); i++) {
            double lat = 34.70 + 0.40 * (i / side) / side;
            double lon = 134.75 + 0.35 * (i % side) / side;
            csv.append(String.format(
                    Locale.ROOT,
                    "sensor,%s,282103,%s,観測点 %d,%.5f,%.5f,,%s%n",
                    id(i),
                    i % 10 == 0 ? "INUNDATION" : "RIVER_GAUGE",
                    i,
                    lat,
                    lon,
                    i % 50 == 0));
        }
        expect(call(web, "POST", "api/v1/admin/import", "text/csv", csv.toString()), 200);
        expect(
                call(
                        web,
                        "PATCH",
                        "api/v1/admin/alert-settings",
                        "application/json",
                        "{\"set\":{\"river-stage.thresholds-m\":\"1:1.50,2:2.60,3:3.30,4:4.00,5:4.80\"}}"),
                200);
    }

    /**
     * A broker drops QoS 1 messages beyond a subscriber's queue (Mosquitto: max_queued_messages), so the
     * readings of the sensors not yet shown are sent again (the store absorbs repeats) until all show.
     */
    private void publishUntilAllReported(String web) throws Exception {
        long t = Instant.now().getEpochSecond() - 60;
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < options.sensors(); i++) {
            missing.add(i);
        }
        for (int round = 1; round <= 10 && !missing.isEmpty(); round++) {
            publish(missing, t);
            int before = -1;
            List<Integer> now = unreported(web);
            while (now.size() != before && !now.isEmpty()) {
                before = now.size();
                Thread.sleep(2_000);
                now = unreported(web);
            }
            missing = now;
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " of " + options.sensors() + " sensors never reported");
        }
    }

    /** One QoS 1 reading per sensor: gauges between 0.5 and 3.5 m (some above a stage), inundation dry. */
    private void publish(List<Integer> sensors, long t) throws Exception {
        MqttAsyncClient client =
                new MqttAsyncClient(options.mqttUrl(), "bench-map-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        for (int i : sensors) {
            String payload = i % 10 == 0
                    ? String.format(Locale.ROOT, "[{\"n\":\"depth\",\"u\":\"m\",\"v\":0,\"t\":%d}]", t)
                    : String.format(
                            Locale.ROOT,
                            "[{\"n\":\"level\",\"u\":\"m\",\"v\":%.2f,\"t\":%d}]",
                            0.5 + (i % 31) / 10.0,
                            t);
            MqttMessage message = new MqttMessage(payload.getBytes(UTF_8));
            message.setQos(1);
            while (true) {
                try {
                    client.publish("kawamori/282103/sensors/" + id(i) + "/up", message);
                    break;
                } catch (MqttException e) {
                    if (e.getReasonCode() != 32202 /* too many publishes in progress (paho.mqtt.java#993) */) {
                        throw e;
                    }
                    Thread.sleep(0, 200_000);
                }
            }
        }
        client.disconnect().waitForCompletion(30_000);
        client.close();
    }

    private List<Integer> unreported(String web) throws Exception {
        HttpResponse<String> r = call(web, "GET", "api/v1/sensors", "application/json", "");
        Map<String, Boolean> reported = new HashMap<>();
        for (JsonNode f : JSON.readTree(r.body()).path("features")) {
            reported.put(
                    f.path("id").asText(), !f.path("properties").path("latest").isNull());
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < options.sensors(); i++) {
            if (!reported.getOrDefault(id(i), false)) {
                missing.add(i);
            }
        }
        return missing;
    }

    private static HttpResponse<String> call(String web, String method, String path, String type, String body)
            throws Exception {
        return AdminCalls.call(web, TOKEN, method, path, type, body);
    }

    private static void expect(HttpResponse<String> response, int status) {
        AdminCalls.expect(response, status);
    }
}
