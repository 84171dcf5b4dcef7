package org.kawamori.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.fixtures.SensorFixtures;

class RuleSettingsTest {

    private static List<Setting<?>> declared() {
        return List.copyOf(SettingsCatalog.all().values());
    }

    private static Properties shipped() throws IOException {
        Properties properties = new Properties();
        try (var in = RuleSettingsTest.class.getResourceAsStream(Settings.DEFAULTS_RESOURCE)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void the_shipped_defaults_file_names_every_setting_with_the_default_declared_next_to_its_rule() throws Exception {
        Properties file = shipped();
        List<Setting<?>> settings = declared();

        assertThat(settings).hasSizeGreaterThan(30);
        for (Setting<?> setting : settings) {
            assertThat(file).as(setting.key()).containsKey(setting.key());
            String text = file.getProperty(setting.key());
            Object value = text.isBlank() ? setting.defaultValue() : setting.parse(text);
            assertThat(value).as(setting.key()).isEqualTo(setting.defaultValue());
        }
        assertThat(file.stringPropertyNames())
                .as("no key in the file that no rule reads")
                .containsExactlyInAnyOrderElementsOf(
                        settings.stream().map(Setting::key).toList());
    }

    @Test
    void a_station_key_wins_over_its_municipality_which_wins_over_the_basin() {
        Settings settings = Settings.of(Map.of(
                "river-stage.hold", "PT30M",
                "municipality.282103.river-stage.hold", "PT20M",
                "station.kunikane.river-stage.hold", "PT10M"));

        assertThat(settings.get(RiverStageRule.HOLD)).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.forMunicipality(MunicipalityCode.of("282103")).get(RiverStageRule.HOLD))
                .isEqualTo(Duration.ofMinutes(20));
        assertThat(settings.forStation(DeviceId.of("kunikane"), MunicipalityCode.of("282103"))
                        .get(RiverStageRule.HOLD))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.forStation(DeviceId.of("itakura"), MunicipalityCode.of("282162"))
                        .get(RiverStageRule.HOLD))
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void a_station_can_be_described_by_settings_alone() {
        Sensor kunikane = SensorFixtures.givenSensor("kunikane").gauge().build();
        Settings settings = Settings.of(Map.of(
                "station.kunikane.river-stage.thresholds-m", "2:2.60, 3:3.30",
                "station.kunikane.rate-of-rise.enabled", "true",
                "station.kunikane.reporting.mode", "crisis-gauge",
                "station.kunikane.reporting.crisis.observation-start-m", "2.0"));

        StationRules rules = StationRules.from(kunikane, settings);

        assertThat(rules.stages().orElseThrow().thresholds()).containsExactly(Map.entry(2, 2.60), Map.entry(3, 3.30));
        assertThat(rules.stages().orElseThrow().hold()).isEqualTo(Duration.ofMinutes(30));
        assertThat(rules.rateOfRise()).contains(new RateOfRiseRule(30, Duration.ofMinutes(60), 15));
        assertThat(rules.reporting()).isInstanceOf(ReportingMode.CrisisGauge.class);
        assertThat(((ReportingMode.CrisisGauge) rules.reporting()).observationStartMetres())
                .isEqualTo(2.0);
        assertThat(rules.inundation()).isEmpty();
    }

    @Test
    void by_default_a_gauge_reports_every_ten_minutes_and_an_inundation_sensor_on_event_with_the_default_steps() {
        StationRules gauge =
                StationRules.from(SensorFixtures.givenSensor("g").gauge().build(), Settings.defaults());
        StationRules underpass = StationRules.from(
                SensorFixtures.givenSensor("u").inundationSensor().build(), Settings.defaults());

        assertThat(gauge.reporting())
                .isEqualTo(ReportingMode.Regular.periodic(Duration.ofMinutes(10), Duration.ofMinutes(5)));
        assertThat(gauge.stages()).isEmpty();
        assertThat(gauge.rateOfRise()).isEmpty();
        assertThat(underpass.reporting())
                .isEqualTo(new ReportingMode.Regular("on-event", Duration.ofHours(24), Duration.ofHours(1)));
        assertThat(underpass.inundation().orElseThrow().stepsMetres()).containsExactly(0.10, 0.20, 0.30);
    }

    @Test
    void a_value_that_cannot_be_read_names_its_key() {
        Settings settings = Settings.of(Map.of("river-stage.hold", "half an hour"));

        assertThatThrownBy(() -> settings.get(RiverStageRule.HOLD)).hasMessageContaining("river-stage.hold");
    }

    @Test
    void thresholds_must_rise_with_the_stage() {
        assertThatThrownBy(() -> RiverStageRule.of(Map.of(Stage.STANDBY, 2.0, Stage.WARNING, 1.5), Settings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_severity_of_each_stage_is_info_warning_then_critical_from_the_evacuation_level() {
        assertThat(List.of(Stage.values()))
                .extracting(Stage::severity)
                .map(Enum::name)
                .containsExactly("INFO", "WARNING", "CRITICAL", "CRITICAL", "CRITICAL");
    }
}
