package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.simulate.SimulateCommand;

/**
 * {@code simulate} against a whole Kawamori (embedded broker, the local PostgreSQL): sixteen hours of
 * the typhoon day and the school day compressed into half a minute, over MQTT, CoAP and HTTPS; every
 * row the simulator was told is committed is in the database, and no other.
 */
class SimulateCommandTest {

    private static final Pattern ACKED = Pattern.compile(
            "sent (\\d+), acknowledged (\\d+), failed (\\d+), unanswered (\\d+) .*rows acknowledged: (\\d+) reading\\(s\\), (\\d+) detection\\(s\\)");

    @Test
    void theRowsInTheDatabaseAreExactlyWhatTheSimulatorSawAcknowledged() throws Exception {
        try (RunningKawamori kawamori =
                givenKawamori().withEmbeddedBroker().withLocalPostgres().start()) {
            Endpoints endpoints = kawamori.endpoints();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = new SimulateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                    .run(List.of(
                            "--scenario",
                            "both",
                            "--sensors",
                            "12",
                            "--tags",
                            "40",
                            "--gateways",
                            "10",
                            "--phones",
                            "2",
                            "--duration",
                            "16h",
                            "--speed",
                            "1800",
                            "--scan-every",
                            "300s",
                            "--db-url",
                            kawamori.databaseUrl(),
                            "--mqtt-url",
                            endpoints.mqttUrl(),
                            "--coap-url",
                            endpoints.coapUri(),
                            "--https-url",
                            endpoints.gatewayHttpsUrl(),
                            "--trust-any-certificate"));
            String printed = out.toString(StandardCharsets.UTF_8);
            Matcher m = ACKED.matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            assertThat(status).as(printed).isZero();
            long sent = Long.parseLong(m.group(1));
            assertThat(Long.parseLong(m.group(2))).isEqualTo(sent).isGreaterThan(100);
            assertThat(m.group(3)).isEqualTo("0");

            long readings = Long.parseLong(m.group(5));
            long detections = Long.parseLong(m.group(6));
            assertThat(readings).isPositive();
            assertThat(detections).isPositive();
            assertThat(count(kawamori, "select count(*) from reading where device_id like 'sim-%'"))
                    .isEqualTo(readings);
            assertThat(count(kawamori, "select count(*) from detection where tag_id like 'sim-tag-%'"))
                    .isEqualTo(detections);
            // the volunteers' phones (stored under the one gateway id of phones) and the fixed gateways were heard
            assertThat(count(kawamori, "select count(*) from detection where gateway_id = 'volunteer-phone'"))
                    .isPositive();
            assertThat(count(
                            kawamori,
                            "select count(distinct gateway_id) from detection where gateway_id <> 'volunteer-phone'"))
                    .isGreaterThan(1);
            assertThat(count(kawamori, "select count(*) from dead_letter")).isZero();
        }
    }

    private static long count(RunningKawamori kawamori, String sql) throws Exception {
        try (Connection c = kawamori.app().dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
