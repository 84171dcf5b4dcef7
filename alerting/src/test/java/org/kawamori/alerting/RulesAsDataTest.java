package org.kawamori.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.alerting.fixtures.InMemoryAlertStore;
import org.kawamori.alerting.rules.RuleBook;
import org.kawamori.alerting.rules.Settings;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.fixtures.SensorFixtures;

class RulesAsDataTest {

    private static final String DEPLOYMENT =
            """
            # a municipality's own file over the shipped defaults
            station.kunikane.river-stage.thresholds-m=1:1.50,2:2.60,3:3.30,4:4.00,5:4.80
            municipality.282103.reminders.critical=PT15M
            """;

    @Test
    void a_station_described_only_in_a_settings_file_is_watched_with_those_rules() throws Exception {
        Settings settings = Settings.load(new StringReader(DEPLOYMENT));
        AlertEngine engine = new AlertEngine(
                RuleBook.of(settings, List.of(), List.of(), List.of()), new InMemoryAlertStore(), read -> {});
        Sensor kunikane = SensorFixtures.givenSensor("kunikane").named("加古川 国包").build();
        Instant t = Instant.parse("2026-07-03T00:00:00Z");

        Evaluation opened = engine.onReadings(
                kunikane, List.of(new Reading(kunikane.id(), kunikane.municipality(), t, Quantity.WATER_LEVEL, 3.4)));
        Evaluation reminded = engine.tick(t.plusSeconds(15 * 60));

        assertThat(opened.notices()).first().satisfies(n -> assertThat(n.facts())
                .containsEntry("stage", "3"));
        assertThat(reminded.notices())
                .extracting(n -> n.transition().name())
                .as("Kakogawa's own reminder interval")
                .containsExactly("REMINDER");
    }
}
