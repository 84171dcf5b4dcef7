package org.kawamori.deploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The benchmarks' calls to a running Kawamori's API with the admin token (registering, settings, reads). */
final class AdminCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminCalls() {}

    /** {@code method web+path} with the token and a body of {@code type}; waits up to 5 minutes. */
    static HttpResponse<String> call(String web, String token, String method, String path, String type, String body)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(web + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", type)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Fails the run with the answer when it is not {@code status}. */
    static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    response.request().uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
