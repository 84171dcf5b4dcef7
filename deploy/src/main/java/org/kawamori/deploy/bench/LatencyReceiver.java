package org.kawamori.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The officers' webhook receiver of the benchmark: notes when each notice arrived. */
final class LatencyReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A notice as received: its station, the transition's time (the reading's), and when it arrived. */
    record Arrival(String station, String at, String transition, long nanos) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    LatencyReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            JsonNode notice = JSON.readTree(body);
            arrivals.add(new Arrival(
                    notice.path("facts").path("station").asText(),
                    notice.path("at").asText(),
                    notice.path("transition").asText(),
                    now));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
