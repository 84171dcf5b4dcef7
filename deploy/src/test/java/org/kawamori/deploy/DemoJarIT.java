package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.Http;

/**
 * The README as a new user follows it, against the packaged jar: start {@code java -jar
 * deploy/target/kawamori.jar demo}, send a reading with the README's {@code mosquitto_pub} line and
 * one with its {@code coap-client} line, see both in the API, stop the demo, start it again on the
 * same data directory and find the history still there. Runs after {@code package} (failsafe).
 */
class DemoJarIT {

    private static final Path JAR = Path.of("target", "kawamori.jar");
    private static final Pattern MAP = Pattern.compile("Map\\s+(http://\\S+)");
    private static final Pattern MQTT = Pattern.compile("MQTT\\s+tcp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern COAP = Pattern.compile("CoAP\\s+coap://127\\.0\\.0\\.1:(\\d+)");

    /** A running demo process and what its banner said. */
    record Demo(Process process, List<String> output, String mapUrl, int mqttPort, int coapPort) {}

    @Test
    void theReadmeCommandsWorkAgainstThePackagedJarAndARestartKeepsTheHistory() throws Exception {
        requireTool("mosquitto_pub");
        requireTool("coap-client-notls");
        Path data = Files.createTempDirectory("kawamori-demo-it");

        Demo first = startDemo(data);
        Http api = new Http(first.mapUrl());
        try {
            assertThat(api.get("/health").statusCode()).isEqualTo(200);
            run(
                    "mosquitto_pub",
                    "-V",
                    "mqttv5",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(first.mqttPort()),
                    "-q",
                    "1",
                    "-u",
                    "demo-gauge-1",
                    "-P",
                    "demo-secret",
                    "-t",
                    "kawamori/282103/sensors/demo-gauge-1/up",
                    "-m",
                    "[{\"bn\":\"urn:dev:kawamori:demo-gauge-1:\",\"n\":\"level\",\"u\":\"m\",\"v\":3.21}]");
            await().atMost(Duration.ofSeconds(10)).until(() -> latest(api) == 3.21);
            run(
                    "coap-client-notls",
                    "-m",
                    "post",
                    "-t",
                    "110",
                    "-e",
                    "[{\"n\":\"level\",\"u\":\"m\",\"v\":3.45}]",
                    "coap://127.0.0.1:" + first.coapPort() + "/s/demo-gauge-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> latest(api) == 3.45);
        } finally {
            stop(first);
        }

        Demo second = startDemo(data);
        try {
            String history = new Http(second.mapUrl())
                    .get("/api/v1/sensors/demo-gauge-1/readings")
                    .body();
            assertThat(history).contains("3.21", "3.45");
        } finally {
            stop(second);
        }
    }

    private static double latest(Http api) throws Exception {
        return api.sensorFeature("demo-gauge-1")
                .path("properties")
                .path("latest")
                .path("value")
                .asDouble();
    }

    private static Demo startDemo(Path data) throws Exception {
        assertThat(JAR).as("the packaged jar").exists();
        Process process = new ProcessBuilder(
                        javaBinary(),
                        "-jar",
                        JAR.toString(),
                        "demo",
                        "--data-dir",
                        data.toString(),
                        "--http-port",
                        "0",
                        "--mqtt-port",
                        "0",
                        "--coap-port",
                        "0",
                        "--no-simulators")
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    System.out.println("[demo] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        pump.setDaemon(true);
        pump.start();
        await().atMost(Duration.ofSeconds(120))
                .until(() -> !process.isAlive() || output.stream().anyMatch(l -> l.contains("Started in")));
        assertThat(process.isAlive())
                .as("the demo is running; its output: %s", output)
                .isTrue();
        String banner = String.join("\n", output);
        return new Demo(
                process,
                output,
                find(MAP, banner),
                Integer.parseInt(find(MQTT, banner)),
                Integer.parseInt(find(COAP, banner)));
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("banner line %s in:%n%s", pattern, text).isTrue();
        return m.group(1);
    }

    private static void stop(Demo demo) throws InterruptedException {
        demo.process().destroy(); // SIGTERM, as Ctrl+C: the shutdown hook stops everything in order
        assertThat(demo.process().waitFor(60, TimeUnit.SECONDS))
                .as("the demo stopped")
                .isTrue();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s: %s", command[0], out).isZero();
    }

    private static void requireTool(String tool) {
        boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
        if (!present && System.getenv("CI") == null) {
            Assumptions.abort(tool + " is not installed (apt-get install mosquitto-clients libcoap3-bin)");
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
