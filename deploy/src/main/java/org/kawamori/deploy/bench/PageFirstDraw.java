package org.kawamori.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One page load in a fresh headless Chromium (new profile: cold cache), driven over the DevTools
 * protocol with the JDK's WebSocket client: navigates to the map and waits until the page records
 * {@code body[data-first-draw-ms]}, the {@code performance.now()} at which it first painted the sensors
 * (milliseconds from navigation start, the page's own clock). No Selenium: nothing of it in the jar.
 */
final class PageFirstDraw implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Process browser;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private PageFirstDraw(Process browser, Path profile, WebSocket socket) {
        this.browser = browser;
        this.profile = profile;
        this.socket = socket;
    }

    /** The first-draw time of {@code url} in ms, and the number of sensors the page says it holds. */
    record Draw(double firstDrawMs, int sensors) {}

    static Draw measure(String chromium, String url) throws Exception {
        try (PageFirstDraw page = open(chromium)) {
            return page.load(url);
        }
    }

    private static PageFirstDraw open(String chromium) throws Exception {
        Path profile = Files.createTempDirectory("kawamori-bench-chromium");
        Process browser = new ProcessBuilder(
                        chromium,
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1366,860",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Path active = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(Files.exists(active) && Files.readAllLines(active).size() >= 2)) {
                if (System.nanoTime() > deadline || !browser.isAlive()) {
                    throw new IllegalStateException("Chromium did not open its DevTools port");
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(active).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            String pageSocket = null;
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    pageSocket = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                throw new IllegalStateException("Chromium shows no page target");
            }
            PageFirstDraw[] self = new PageFirstDraw[1];
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(pageSocket), new Listener(m -> self[0].answer(m)))
                    .get(10, TimeUnit.SECONDS);
            self[0] = new PageFirstDraw(browser, profile, socket);
            return self[0];
        } catch (Exception e) {
            browser.destroyForcibly();
            throw e;
        }
    }

    private Draw load(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode value = call(
                            "Runtime.evaluate",
                            JSON.createObjectNode()
                                    .put(
                                            "expression",
                                            "document.body && document.body.dataset.firstDrawMs"
                                                    + " ? [document.body.dataset.firstDrawMs, document.body.dataset.sensorCount]"
                                                    + " : null")
                                    .put("returnByValue", true))
                    .path("result")
                    .path("value");
            if (value.isArray()) {
                return new Draw(value.get(0).asDouble(), value.get(1).asInt());
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("the page did not draw its sensors within " + WAIT);
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    private void answer(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node.has("id")) {
                CompletableFuture<JsonNode> f = answers.remove(node.get("id").asInt());
                if (f != null) {
                    f.complete(node);
                }
            }
        } catch (IOException e) {
            // an event we cannot read: not ours
        }
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary profile left behind
        }
    }

    /** Puts fragmented text messages together and hands each whole one on. */
    private static final class Listener implements WebSocket.Listener {
        private final java.util.function.Consumer<String> whole;
        private final StringBuilder parts = new StringBuilder();

        Listener(java.util.function.Consumer<String> whole) {
            this.whole = whole;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String message = parts.toString();
                parts.setLength(0);
                whole.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
