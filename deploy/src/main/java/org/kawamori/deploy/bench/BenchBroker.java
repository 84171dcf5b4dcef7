package org.kawamori.deploy.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Mosquitto of the benchmark's own, on a free loopback port, set for throughput runs: no limit on a
 * session's queue (Mosquitto's default of 1,000 queued messages silently drops QoS 1 messages once a
 * subscriber falls behind) and 1,000 messages in flight to a client instead of 20. No persistence:
 * the runs measure speed, not restarts.
 */
final class BenchBroker implements AutoCloseable {

    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final Path directory;
    private final int port;

    private BenchBroker(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    static BenchBroker start() throws Exception {
        if (!Files.isExecutable(MOSQUITTO)) {
            throw new IllegalStateException("no " + MOSQUITTO + " (apt-get install mosquitto), or give --mqtt-url");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path directory = Files.createTempDirectory("kawamori-bench-broker");
        Path conf = directory.resolve("mosquitto.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous true",
                        "persistence false",
                        "max_queued_messages 0",
                        "max_inflight_messages 1000",
                        "log_dest none",
                        ""));
        Process process = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("mosquitto.log").toFile())
                .start();
        BenchBroker broker = new BenchBroker(process, directory, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!broker.listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                broker.close();
                throw new IllegalStateException("the benchmark's Mosquitto did not start; see its log in " + directory);
            }
            Thread.sleep(50);
        }
        return broker;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(directory);
    }
}
