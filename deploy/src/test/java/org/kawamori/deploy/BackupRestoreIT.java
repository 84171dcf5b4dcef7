package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.GaugeRecord;
import org.kawamori.deploy.fixtures.GaugeStream;
import org.kawamori.deploy.fixtures.LocalPostgres;
import org.kawamori.deploy.fixtures.PrivateMosquitto;
import org.kawamori.deploy.fixtures.ServingJar;

/**
 * The documented backup and restore of plain PostgreSQL (deploy/compose/README.md, "Backup and
 * restore"): {@code pg_dump -Fc} of a database serve wrote to, {@code pg_restore --no-owner} into an
 * empty one, and serve started on the copy has the readings, the open alert and the registry (runs
 * after {@code package}, failsafe).
 */
class BackupRestoreIT {

    private static final String GAUGE = "backup-gauge-1";
    private static final String TOKEN = "admin-token-5e1c9a7b3d2f8e6a";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aDumpRestoredIntoAnEmptyDatabaseBringsBackReadingsAlertsAndTheRegistry() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.started();
                LocalPostgres original = new LocalPostgres();
                LocalPostgres restored = new LocalPostgres()) {
            Path settings = Files.createTempFile("kawamori-stages", ".properties");
            Files.writeString(
                    settings, "station." + GAUGE + ".river-stage.thresholds-m=1:1.50,2:2.60,3:3.30,4:4.00,5:4.80\n");
            ServingJar first =
                    serving(broker, original.jdbcUrl(), "backup-1", settings).start();
            GaugeRecord before = GaugeRecord.of(GAUGE, original.jdbcUrl());
            try {
                register(first.baseUrl());
                try (GaugeStream stream = GaugeStream.of(GAUGE, 60)
                        .levels(i -> 1.8)
                        .every(Duration.ofMillis(10))
                        .to(broker.url())) {
                    stream.awaitAllSent(Duration.ofSeconds(60));
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> before.rows() == 60 && before.stageAlerts() == 1);
                }
            } finally {
                first.terminate();
                first.awaitExit(Duration.ofSeconds(45));
            }
            Path dump = Files.createTempFile("kawamori", ".dump");

            run(List.of("pg_dump", "-Fc", "-f", dump.toString(), "--dbname", libpq(original.jdbcUrl())));
            run(List.of(
                    "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    "--dbname",
                    libpq(restored.jdbcUrl()),
                    dump.toString()));

            GaugeRecord after = GaugeRecord.of(GAUGE, restored.jdbcUrl());
            assertThat(after.rows()).as("readings in the copy").isEqualTo(60);
            assertThat(after.stageHistory())
                    .as("the alert's history in the copy")
                    .containsExactly("OPENED 1");
            ServingJar second =
                    serving(broker, restored.jdbcUrl(), "backup-2", settings).start();
            try {
                try (GaugeStream more = GaugeStream.of(GAUGE, 10)
                        .startingAt(Instant.now().minus(Duration.ofMinutes(30)))
                        .levels(i -> 2.8)
                        .every(Duration.ofMillis(10))
                        .to(broker.url())) {
                    more.awaitAllSent(Duration.ofSeconds(60));
                    // the copy's registry knows the gauge, and its engine the open alert: it escalates
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> after.stageHistory().equals(List.of("OPENED 1", "ESCALATED 2")));
                }
                assertThat(after.stageAlerts()).as("still one alert").isEqualTo(1);
                assertThat(after.deadLetters()).isZero();
            } finally {
                second.kill();
            }
        }
    }

    private static ServingJar serving(PrivateMosquitto broker, String jdbcUrl, String instance, Path settings)
            throws Exception {
        return ServingJar.against(broker.url(), jdbcUrl)
                .with("KAWAMORI_DB_PASSWORD", "db-secret-4a7c1e9b2d")
                .with("KAWAMORI_MQTT_PASSWORD", "mqtt-secret-8f2d6b0c4e")
                .with("KAWAMORI_ADMIN_TOKEN", TOKEN)
                .with("KAWAMORI_INSTANCE_ID", instance)
                .with("KAWAMORI_ALERT_SETTINGS", settings.toString());
    }

    private static void register(String web) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(web + "api/v1/admin/import"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "type,id,municipality,kind,name,lat,lon,secret,experimental\nsensor," + GAUGE
                                        + ",282103,RIVER_GAUGE,Backup gauge,34.76,134.84,,false\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("import: %s", answer.body()).isEqualTo(200);
    }

    /** jdbc:postgresql://host:port/db?user=u → postgresql://u@host:port/db, for pg_dump and pg_restore. */
    private static String libpq(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String hostAndDb = rest.substring(0, rest.indexOf('?'));
        String user = rest.substring(rest.indexOf("user=") + 5).split("&")[0];
        return "postgresql://" + user + "@" + hostAndDb;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("%s finished", command.get(0))
                .isTrue();
        assertThat(p.exitValue()).as("%s: %s", command.get(0), output).isZero();
    }
}
