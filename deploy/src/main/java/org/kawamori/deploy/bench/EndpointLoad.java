package org.kawamori.deploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on one URL: {@code clients} threads, each with its own HTTP/1.1 connection, send the
 * next GET as soon as the last answered, for a fixed time. Counts requests, answers other than the
 * expected status, bytes on the wire, and the latency percentiles.
 */
final class EndpointLoad {

    /** What one phase measured. */
    record Result(
            String phase,
            long requests,
            long errors,
            double perSecond,
            double p50,
            double p95,
            double p99,
            double max,
            long bytesPerAnswer) {

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-28s %8d req %7.1f req/s  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms  %,9d B/answer%s",
                    phase,
                    requests,
                    perSecond,
                    p50,
                    p95,
                    p99,
                    max,
                    bytesPerAnswer,
                    errors > 0 ? "  (" + errors + " unexpected answers)" : "");
        }
    }

    private EndpointLoad() {}

    /**
     * @param header an extra request header (name, value), e.g. Accept-Encoding: gzip
     * @param expected the status every answer should have
     */
    static Result run(String phase, URI uri, int clients, Duration duration, Optional<String[]> header, int expected)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<long[]> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[][] mine = {new long[1024]};
            int[] n = {0};
            Thread t = new Thread(
                    () -> {
                        HttpClient http = HttpClient.newBuilder()
                                .version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(Duration.ofSeconds(5))
                                .build();
                        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .GET();
                        header.ifPresent(h -> b.header(h[0], h[1]));
                        HttpRequest request = b.build();
                        while (System.nanoTime() < end) {
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                                long took = System.nanoTime() - t0;
                                if (r.statusCode() != expected) {
                                    errors.incrementAndGet();
                                }
                                bytes.addAndGet(r.body().length);
                                if (n[0] == mine[0].length) {
                                    mine[0] = Arrays.copyOf(mine[0], n[0] * 2);
                                }
                                mine[0][n[0]++] = took;
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                        }
                        synchronized (latencies) {
                            latencies.add(Arrays.copyOf(mine[0], n[0]));
                        }
                    },
                    "bench-map-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long count = all.length;
        return new Result(
                phase,
                count,
                errors.get(),
                count / seconds,
                percentile(all, 50),
                percentile(all, 95),
                percentile(all, 99),
                count == 0 ? 0 : all[all.length - 1] / 1e6,
                count == 0 ? 0 : bytes.get() / count);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
