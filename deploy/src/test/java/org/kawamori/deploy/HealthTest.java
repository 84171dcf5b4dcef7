package org.kawamori.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kawamori.deploy.RunningKawamori.givenKawamori;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kawamori.deploy.fixtures.Http;

class HealthTest {

    @Test
    void whenTheBrokerGoesAwayHealthAnswers503AndNamesIt() throws Exception {
        try (RunningKawamori kawamori =
                givenKawamori().withEmbeddedBroker().withLocalPostgres().start()) {
            Http api = new Http(kawamori.endpoints().mapUrl());
            assertThat(api.get("/health").statusCode()).isEqualTo(200);

            kawamori.app().embeddedBroker().orElseThrow().close();

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> api.get("/health").statusCode() == 503);
            JsonNode health = new ObjectMapper().readTree(api.get("/health").body());
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("components").path("broker").path("status").asText())
                    .isEqualTo("DOWN");
            assertThat(health.path("components").path("database").path("status").asText())
                    .isEqualTo("UP");
            assertThat(health.path("components").path("routes").path("status").asText())
                    .isEqualTo("UP");
        }
    }
}
