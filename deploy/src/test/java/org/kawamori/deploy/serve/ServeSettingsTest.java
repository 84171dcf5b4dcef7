package org.kawamori.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kawamori.deploy.AppConfig;
import org.kawamori.deploy.AppSettings;
import org.kawamori.deploy.StartupException;
import org.kawamori.timeseries.DatabaseConfig;

class ServeSettingsTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "KAWAMORI_DB_URL", "jdbc:postgresql://db:5432/kawamori?user=kawamori",
            "KAWAMORI_DB_PASSWORD", "a-database-secret-1",
            "KAWAMORI_MQTT_URL", "tcp://broker:1883",
            "KAWAMORI_MQTT_USER", "kawamori",
            "KAWAMORI_MQTT_PASSWORD", "a-broker-secret-22",
            "KAWAMORI_HTTPS_CERT", "/etc/kawamori/tls.crt",
            "KAWAMORI_HTTPS_KEY", "/etc/kawamori/tls.key"));

    private ServeSettings settings() {
        return ServeSettings.from(AppSettings.of(env), () -> "kawamori-1");
    }

    private String refusal() {
        try {
            settings();
        } catch (StartupException e) {
            return e.getMessage();
        }
        throw new AssertionError("serve started with " + env.keySet());
    }

    @Test
    void aCompleteEnvironmentGivesExternalPartsOnlyAndNoDemo() {
        AppConfig config = settings().toAppConfig(AppSettings.of(env));

        assertThat(config.broker()).isInstanceOf(AppConfig.Broker.External.class);
        assertThat(config.database()).isInstanceOf(AppConfig.Database.External.class);
        assertThat(config.simulators()).isFalse();
        assertThat(config.demoDevices()).isFalse();
        assertThat(config.ingestClientId()).isEqualTo("kawamori-kawamori-1");
        assertThat(((AppConfig.Broker.External) config.broker()).sharedGroup()).contains("kawamori");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void plainCoapIsOffUnlessAskedFor() {
        assertThat(settings().toAppConfig(AppSettings.of(env)).coapPort())
                .as("no plain CoAP by default")
                .isNegative();

        env.put("KAWAMORI_COAP_PLAIN", "true");
        assertThat(settings().toAppConfig(AppSettings.of(env)).coapPort()).isEqualTo(5683);

        env.put("KAWAMORI_COAP_PLAIN", "yes");
        assertThat(refusal()).contains("KAWAMORI_COAP_PLAIN must be true or false");
    }

    @Test
    void theDatabasePasswordIsMergedIntoTheUrlAndNeverPrinted() {
        ServeSettings s = settings();

        DatabaseConfig db = DatabaseConfig.fromJdbcUrl(s.jdbcUrl());
        assertThat(db.user()).isEqualTo("kawamori");
        assertThat(db.password()).isEqualTo("a-database-secret-1");
        assertThat(s.toString()).doesNotContain("a-database-secret-1").doesNotContain("a-broker-secret-22");
    }

    @Test
    void aSecretCanComeFromTheFileItsFileVariableNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mqtt-password");
        Files.writeString(file, "from-a-mounted-secret-file\n");
        env.remove("KAWAMORI_MQTT_PASSWORD");
        env.put("KAWAMORI_MQTT_PASSWORD_FILE", file.toString());

        assertThat(settings().mqttPassword()).isEqualTo("from-a-mounted-secret-file");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheSettingButNotTheValue() {
        env.put("KAWAMORI_DB_PASSWORD", "postgres");
        env.remove("KAWAMORI_MQTT_PASSWORD");
        env.put("KAWAMORI_HTTP_PORT", "80800");
        env.put("KAWAMORI_ADMIN_TOKEN", "short-token");

        String refusal = refusal();

        assertThat(refusal)
                .contains("KAWAMORI_DB_PASSWORD is a well-known default")
                .contains("KAWAMORI_MQTT_PASSWORD is not set")
                .contains("KAWAMORI_HTTP_PORT must be a port number")
                .contains("KAWAMORI_ADMIN_TOKEN is shorter than 24")
                .doesNotContain("short-token");
    }

    @Test
    void aShortPasswordInTheUrlIsRefusedLikeOneGivenApart() {
        env.remove("KAWAMORI_DB_PASSWORD");
        env.put("KAWAMORI_DB_URL", "jdbc:postgresql://db:5432/kawamori?user=kawamori&password=k4w4m0r1");

        assertThat(refusal()).contains("KAWAMORI_DB_PASSWORD is shorter than 12 characters");
    }

    @Test
    void theBrokerMustNotLetKawamoriInAnonymously() {
        env.remove("KAWAMORI_MQTT_USER");

        assertThat(refusal()).contains("KAWAMORI_MQTT_USER is not set");
    }

    @Test
    void withoutACertificateThereIsNoSelfSignedFallback() {
        env.remove("KAWAMORI_HTTPS_KEY");

        assertThat(refusal()).contains("KAWAMORI_HTTPS_CERT and KAWAMORI_HTTPS_KEY");
    }

    @Test
    void aPskMasterKeyMustBeThirtyTwoBytes() {
        env.put("KAWAMORI_PSK_MASTER_KEY", "dG9vIHNob3J0");

        assertThat(refusal()).contains("KAWAMORI_PSK_MASTER_KEY must be 32 bytes");
    }

    @Test
    void aSharedGroupWithTopicWildcardsIsRefused() {
        env.put("KAWAMORI_MQTT_SHARED_GROUP", "kawa/+");

        assertThat(refusal()).contains("KAWAMORI_MQTT_SHARED_GROUP");
    }
}
