package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.Devices;

/**
 * Two instances on one database: the stage thresholds an officer sets through one of them are in
 * force on the other for its next reading (migration V10's notification, {@code
 * RegistryChanges.onChange}, {@code AlertService.followRuleChanges}). Before, the other instance
 * kept the rules it had read at start.
 */
class AlertSettingsAcrossInstancesTest {

    private static final String ADMIN_TOKEN = "scale-out-admin-" + UUID.randomUUID();
    private static final String NOTIFICATIONS = "kawamori_registry_notifications_total";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void stageThresholdsSetThroughOneInstanceAreUsedByTheOtherForItsNextReading() throws Exception {
        String group = "kawamori-test-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunningKawamori first = givenKawamori()
                        .withMosquitto()
                        .inSharedSubscriptionGroup(group)
                        .withLocalPostgres()
                        .withSetting("KAWAMORI_ADMIN_TOKEN", ADMIN_TOKEN)
                        .start();
                RunningKawamori second = givenKawamori()
                        .withMosquitto()
                        .inSharedSubscriptionGroup(group)
                        .withTheDatabaseOf(first)
                        .withSetting("KAWAMORI_ADMIN_TOKEN", ADMIN_TOKEN)
                        .start()) {
            String coap = second.app().endpoints().coapUri();
            Instant t = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
            double heardBefore = metric(second, NOTIFICATIONS);

            HttpResponse<String> staged = HTTP.send(
                    HttpRequest.newBuilder(URI.create(first.app().endpoints().mapUrl() + "api/v1/admin/alert-settings"))
                            .header("Authorization", "Bearer " + ADMIN_TOKEN)
                            .header("Content-Type", "application/json")
                            .method(
                                    "PATCH",
                                    HttpRequest.BodyPublishers.ofString("{\"set\":{"
                                            + "\"station.demo-gauge-1.river-stage.thresholds-m\":"
                                            + "\"1:1.50,2:2.60,3:3.30,4:4.00,5:4.80\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(staged.statusCode()).as(staged.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .alias("the second instance heard of the change")
                    .until(() -> metric(second, NOTIFICATIONS) > heardBefore);

            assertThat(Devices.post(coap, "/s/demo-gauge-1", reading(t, 2.0)).getCode())
                    .isEqualTo(CoAP.ResponseCode.CHANGED);

            await().atMost(Duration.ofSeconds(10))
                    .alias("2.0 m is stage 1 (above 1.50 m) by the thresholds set through the first instance")
                    .until(() -> openStageAlerts(first.databaseUrl()) == 1);
            assertThat(first.app().routing().counters().acceptedMessages())
                    .as("the reading went to the second instance only")
                    .isZero();
        }
    }

    private static String reading(Instant at, double metres) {
        return "[{\"bn\":\"urn:dev:kawamori:demo-gauge-1:\",\"bt\":" + at.getEpochSecond()
                + ",\"n\":\"level\",\"u\":\"m\",\"v\":" + metres + "}]";
    }

    private static double metric(RunningKawamori kawamori, String name) throws Exception {
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create(kawamori.app().endpoints().mapUrl() + "metrics"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body()
                .lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static int openStageAlerts(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from kawamori.alert where subject = 'demo-gauge-1'"
                        + " and rule = 'river-stage' and state <> 'CLEARED'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
