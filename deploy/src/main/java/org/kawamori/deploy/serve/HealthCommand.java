package org.kawamori.deploy.serve;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar kawamori.jar health [--url URL]}: the container health check of an image that has
 * no shell and no curl. Exit 0 when the readiness endpoint answers 200, 1 otherwise (within 3 s).
 */
public final class HealthCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final PrintStream out;
    private final PrintStream err;

    public HealthCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(List<String> args) {
        String url;
        if (args.isEmpty()) {
            String port = Optional.ofNullable(System.getenv(ServeSettings.HTTP_PORT))
                    .filter(p -> !p.isBlank())
                    .orElse(Integer.toString(ServeSettings.DEFAULT_HTTP_PORT));
            url = "http://127.0.0.1:" + port.strip() + "/health/ready";
        } else if (args.size() == 2 && args.get(0).equals("--url")) {
            url = args.get(1);
        } else {
            err.println("usage: java -jar kawamori.jar health [--url URL]");
            return 2;
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println(response.statusCode() + " " + response.body().strip());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (Exception e) {
            err.println("not healthy: " + url + ": " + e);
            return 1;
        }
    }
}
