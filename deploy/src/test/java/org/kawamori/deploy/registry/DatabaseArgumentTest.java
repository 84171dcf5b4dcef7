package org.kawamori.deploy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kawamori.timeseries.DatabaseConfig;

class DatabaseArgumentTest {

    @Test
    void theToolsTakeTheUserAndPasswordOfServesEnvironmentWhenTheUrlHasNone() {
        Map<String, String> env = Map.of(
                "KAWAMORI_DB_URL", "jdbc:postgresql://db:5432/kawamori",
                "KAWAMORI_DB_USER", "kawamori",
                "KAWAMORI_DB_PASSWORD", "p@ss&word=1234");

        DatabaseArgument argument = DatabaseArgument.of(List.of("list"), env::get);

        DatabaseConfig db = DatabaseConfig.fromJdbcUrl(argument.url().orElseThrow());
        assertThat(db.user()).isEqualTo("kawamori");
        assertThat(db.password()).isEqualTo("p@ss&word=1234");
        assertThat(argument.rest()).containsExactly("list");
    }

    @Test
    void aPasswordInTheGivenUrlIsKept() {
        Map<String, String> env = Map.of("KAWAMORI_DB_PASSWORD", "from-the-environment");

        DatabaseArgument argument = DatabaseArgument.of(
                List.of("--db-url", "jdbc:postgresql://db/k?user=u&password=in-the-url", "list"), env::get);

        assertThat(DatabaseConfig.fromJdbcUrl(argument.url().orElseThrow()).password())
                .isEqualTo("in-the-url");
    }
}
