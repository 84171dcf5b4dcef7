package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void theDefaultsAreAPoolOfEightOnTheKawamoriSchema() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://127.0.0.1:5432/kawamori", "app", "secret");

        assertThat(config.maximumPoolSize()).isEqualTo(8);
        assertThat(config.schema()).isEqualTo("kawamori");
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void thePasswordIsNeverPrinted() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://127.0.0.1/k?password=inurl", "app", "secret");

        assertThat(config.toString())
                .doesNotContain("secret")
                .doesNotContain("inurl")
                .contains("****");
    }

    @Test
    void theLoginIsTakenOutOfAJdbcUrl() {
        DatabaseConfig config = DatabaseConfig.fromJdbcUrl(
                "jdbc:postgresql://db.example:5432/kawamori?user=app&password=p%26ss%3Dword&sslmode=require");

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/kawamori?sslmode=require");
        assertThat(config.user()).isEqualTo("app");
        assertThat(config.password()).isEqualTo("p&ss=word");
    }

    @Test
    void aJdbcUrlWithoutLoginKeepsNoUserAndNoPassword() {
        DatabaseConfig config = DatabaseConfig.fromJdbcUrl("jdbc:postgresql://127.0.0.1:5432/kawamori");

        assertThat(config.user()).isNull();
        assertThat(config.password()).isNull();
        assertThat(config.toString()).contains("password -");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> DatabaseConfig.fromJdbcUrl("jdbc:mysql://x/y?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2");
        DatabaseConfig valid = DatabaseConfig.fromJdbcUrl("jdbc:postgresql://127.0.0.1/k");
        assertThatThrownBy(() -> valid.withSchema("Robert'); drop table device;--"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withMaximumPoolSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withConnectionTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
