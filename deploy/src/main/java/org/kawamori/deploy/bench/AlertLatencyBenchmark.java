package org.kawamori.deploy.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.kawamori.deploy.AppConfig;
import org.kawamori.deploy.AppSettings;
import org.kawamori.deploy.KawamoriApp;

/**
 * {@code bench alerts}: alert latency under load, from the publish of a reading that changes a
 * gauge's river stage to the arrival of the officers' notice at a webhook.
 *
 * <pre>
 *  publishers (QoS 1) ──► broker ──► Kawamori: routes ─► batched writer ─► alert rules ─► outbox
 *   calm gauges: the load                                                      │
 *   flooding gauges: rise through the five stages and back, again and again    ▼
 *                                                       dispatcher ─► webhook ─► LatencyReceiver
 * </pre>
 *
 * Each flooding gauge's readings are 10 minutes apart in their own time (starting 29 days back), so
 * a whole flood with its 30-minute lifting holds passes in seconds.
 */
public final class AlertLatencyBenchmark {

    private static final double[] CURVE = {
        1.0, 1.3, 1.6, 2.0, 2.4, 2.7, 3.0, 3.4, 3.8, 4.1, 4.5, 4.9, 5.1, 5.2, 4.9, 4.6, 4.5, 4.5, 4.5, 4.3, 3.8, 3.7,
        3.7, 3.7, 3.5, 3.1, 3.0, 3.0, 3.0, 2.8, 2.4, 2.3, 2.3, 2.3, 2.0, 1.6, 1.3, 1.2, 1.2, 1.2, 1.1
    };
    private static final String TOKEN = "bench-" + UUID.randomUUID();

    /** The publishers' pacing: what is due within this time is sent at once. */
    private static final long TICK_NANOS = 5_000_000;

    private final AlertBenchOptions options;
    private final PrintStream out;
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();

    public AlertLatencyBenchmark(AlertBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** What one run measured. */
    public record Result(
            long readings,
            double readingsPerSecond,
            int notices,
            int matched,
            double p50,
            double p95,
            double p99,
            double max) {
        public boolean meetsTarget() {
            return matched > 0 && p99 < 250;
        }
    }

    public Result run() throws Exception {
        Path data = Files.createTempDirectory("kawamori-alert-bench");
        Optional<String> freshDb = options.dbUrl().map(url -> BenchDatabases.fresh(url, "kawamori_alertbench"));
        try (LatencyReceiver receiver = new LatencyReceiver();
                KawamoriApp app = KawamoriApp.start(config(data, freshDb, receiver))) {
            String web = app.endpoints().mapUrl();
            register(web);
            out.printf(
                    Locale.ROOT,
                    "kawamori up (%s); %d calm + %d flooding gauges; load %d readings/s for %s after %s warm-up%n",
                    app.endpoints().database(),
                    options.gauges(),
                    options.flooding(),
                    options.rate(),
                    options.duration(),
                    options.warmup());
            long started = System.nanoTime();
            load();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "(the first %s of the load were warm-up, not measured)%n", options.warmup());
            settle(receiver);
            return report(receiver.arrivals(), seconds);
        } finally {
            freshDb.ifPresent(BenchDatabases::drop);
        }
    }

    private AppConfig config(Path data, Optional<String> db, LatencyReceiver receiver) {
        Map<String, String> settings = new HashMap<>();
        settings.put("KAWAMORI_ADMIN_TOKEN", TOKEN);
        settings.put(AppSettings.ALERT_TICK, "PT1H");
        settings.put("notify.webhook.subscriber.bench.audience", "officers:282103");
        settings.put("notify.webhook.subscriber.bench.url", receiver.url());
        settings.put("notify.webhook.subscriber.bench.secret", "bench-webhook-secret-0123456789");
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
                "kawamori-bench-" + UUID.randomUUID(),
                Duration.ofMinutes(2),
                AppSettings.of(settings));
    }

    /** The gauges and their stages, through the admin API as an operator would set them up. */
    private void register(String web) throws Exception {
        StringBuilder csv = new StringBuilder("type,id,municipality,kind,name,lat,lon,secret,experimental\n");
        for (int i = 0; i < options.gauges(); i++) {
            csv.append(String.format(
                    Locale.ROOT, "sensor,%s,282103,RIVER_GAUGE,calm %d,34.78,134.84,,false%n", calm(i), i));
        }
        for (int i = 0; i < options.flooding(); i++) {
            csv.append(String.format(
                    Locale.ROOT, "sensor,%s,282103,RIVER_GAUGE,flood %d,34.79,134.85,,false%n", flood(i), i));
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

    private void load() throws Exception {
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        for (int p = 0; p < options.publishers(); p++) {
            clients.add(BenchClients.connect(options.mqttUrl(), "bench-publisher-" + p, 10, 1_000));
        }
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < options.publishers(); p++) {
            int publisher = p;
            Thread t = new Thread(() -> publish(clients.get(publisher), publisher), "bench-publisher-" + p);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        clients.forEach(BenchClients::disconnect);
    }

    /** One publisher's share: its calm gauges in turn at its share of the rate, and its flooding gauges. */
    private void publish(Mqtt5AsyncClient client, int publisher) {
        int n = options.publishers();
        double perSecond = (double) options.rate() / n;
        long measureFrom = System.nanoTime() + options.warmup().toNanos();
        long end = measureFrom + options.duration().toNanos();
        Instant calmBase = Instant.now().minus(20, ChronoUnit.DAYS);
        Instant floodBase = Instant.now().minus(29, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        int[] calmCounter = new int[options.gauges()];
        int[] floodCounter = new int[options.flooding()];
        long floodEvery = options.floodEvery().toNanos();
        long[] nextFlood = new long[options.flooding()];
        long start = System.nanoTime();
        long count = 0;
        int calm = publisher;
        try {
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                for (int f = publisher; f < options.flooding(); f += n) {
                    if (now >= nextFlood[f]) {
                        nextFlood[f] = now + floodEvery;
                        int k = floodCounter[f]++;
                        Instant t = floodBase.plus(10L * k, ChronoUnit.MINUTES);
                        if (now >= measureFrom) {
                            published.put(flood(f) + "|" + t, System.nanoTime());
                        }
                        send(client, flood(f), CURVE[k % CURVE.length], t);
                    }
                }
                Instant t = calmBase.plusSeconds(calmCounter[calm]++);
                send(client, calm(calm), 0.5, t);
                count++;
                calm += n;
                if (calm >= options.gauges()) {
                    calm = publisher;
                }
                // sleep only when a whole tick ahead: the readings due within a tick go out together,
                // which lets the client write them in one go instead of waking its I/O thread for each
                long due = start + (long) (count * 1e9 / perSecond);
                long wait = due - System.nanoTime();
                if (wait > TICK_NANOS) {
                    LockSupport.parkNanos(wait);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("publisher " + publisher + " failed after " + count + " readings", e);
        }
    }

    /** Hands one reading to the client, which sends it as the broker's receive maximum allows. */
    private void send(Mqtt5AsyncClient client, String gauge, double level, Instant t) {
        client.publishWith()
                .topic("kawamori/282103/sensors/" + gauge + "/up")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(String.format(
                                Locale.ROOT,
                                "[{\"n\":\"level\",\"u\":\"m\",\"v\":%.2f,\"t\":%d}]",
                                level,
                                t.getEpochSecond())
                        .getBytes(UTF_8))
                .send();
        sent.incrementAndGet();
    }

    /** Waits until no notice has come for 3 s (at most 60 s). */
    private static void settle(LatencyReceiver receiver) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = receiver.arrivals().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private Result report(List<LatencyReceiver.Arrival> arrivals, double seconds) {
        List<Double> millis = new ArrayList<>();
        for (LatencyReceiver.Arrival a : arrivals) {
            Long at = published.get(a.station() + "|" + Instant.parse(a.at()));
            if (at != null) {
                millis.add((a.nanos() - at) / 1e6);
            }
        }
        double[] values =
                millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Result result = new Result(
                sent.get(),
                sent.get() / seconds,
                arrivals.size(),
                values.length,
                rank(values, 0.50),
                rank(values, 0.95),
                rank(values, 0.99),
                rank(values, 1.0));
        out.println();
        out.println("| measure | value |");
        out.println("|---|---|");
        out.printf(
                Locale.ROOT,
                "| readings published (QoS 1) | %,d in %.1f s = %,.0f /s |%n",
                result.readings(),
                seconds,
                result.readingsPerSecond());
        out.printf(
                Locale.ROOT,
                "| officers' notices received | %,d (%,d matched to their reading) |%n",
                result.notices(),
                result.matched());
        out.printf(
                Locale.ROOT,
                "| alert latency, publish → webhook | p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms |%n",
                result.p50(),
                result.p95(),
                result.p99(),
                result.max());
        out.printf(Locale.ROOT, "| target p99 < 250 ms | %s |%n", result.meetsTarget() ? "met" : "NOT met");
        return result;
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    private static double rank(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static String calm(int i) {
        return String.format(Locale.ROOT, "bench-calm-%05d", i);
    }

    private static String flood(int i) {
        return String.format(Locale.ROOT, "bench-flood-%03d", i);
    }

    private static HttpResponse<String> call(String web, String method, String path, String type, String body)
            throws Exception {
        return AdminCalls.call(web, TOKEN, method, path, type, body);
    }

    private static void expect(HttpResponse<String> response, int status) {
        AdminCalls.expect(response, status);
    }
}
