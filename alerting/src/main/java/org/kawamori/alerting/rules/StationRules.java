package org.kawamori.alerting.rules;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;

/**
 * Every rule of one sensor. River stages and rate of rise exist only where configured for the station;
 * inundation steps, the reporting mode, battery and plausibility always have defaults.
 */
public record StationRules(
        Sensor sensor,
        Optional<RiverStageRule> stages,
        Optional<RateOfRiseRule> rateOfRise,
        Optional<InundationRule> inundation,
        ReportingMode reporting,
        BatteryRule battery,
        PlausibilityRule plausibility) {

    /** Per stage, e.g. {@code 1:1.50,2:2.60,3:3.30,4:4.00,5:4.80}; a station may list only some stages. */
    public static final Setting<String> THRESHOLDS = new Setting<>("river-stage.thresholds-m", "", s -> s);
    /** Whether the station watches its rate of rise (then with the {@code rate-of-rise.*} settings). */
    public static final Setting<Boolean> RATE_OF_RISE = new Setting<>("rate-of-rise.enabled", false, Boolean::valueOf);
    /** {@code steps} (depth steps) or {@code wet-dry}. */
    public static final Setting<String> INUNDATION_KIND = new Setting<>("inundation.kind", "steps", s -> s);
    /** {@code periodic}, {@code crisis-gauge} or {@code on-event}; by default gauges are periodic and inundation sensors on-event. */
    public static final Setting<String> REPORTING = new Setting<>("reporting.mode", "", s -> s);
    /** The observation-start level of a crisis-management gauge, metres. */
    public static final Setting<Double> OBSERVATION_START = Setting.decimal("reporting.crisis.observation-start-m", 0);

    public StationRules {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(rateOfRise, "rateOfRise");
        Objects.requireNonNull(inundation, "inundation");
        Objects.requireNonNull(reporting, "reporting");
        Objects.requireNonNull(battery, "battery");
        Objects.requireNonNull(plausibility, "plausibility");
    }

    /** The rules of a sensor as the settings (station, municipality, global layers) describe them. */
    public static StationRules from(Sensor sensor, Settings all) {
        Settings settings = all.forStation(sensor.id(), sensor.municipality());
        boolean gauge = sensor.kind() == SensorKind.RIVER_GAUGE;
        String thresholds = settings.get(THRESHOLDS);
        Optional<RiverStageRule> stages = gauge && !thresholds.isBlank()
                ? Optional.of(RiverStageRule.of(parseThresholds(thresholds), settings))
                : Optional.empty();
        Optional<RateOfRiseRule> rate =
                gauge && settings.get(RATE_OF_RISE) ? Optional.of(RateOfRiseRule.of(settings)) : Optional.empty();
        Optional<InundationRule> inundation = gauge
                ? Optional.empty()
                : Optional.of(
                        settings.get(INUNDATION_KIND).equals("wet-dry")
                                ? InundationRule.wetDry(settings)
                                : InundationRule.of(settings));
        return new StationRules(
                sensor,
                stages,
                rate,
                inundation,
                reportingMode(gauge, settings),
                BatteryRule.of(settings),
                PlausibilityRule.of(settings));
    }

    private static ReportingMode reportingMode(boolean gauge, Settings settings) {
        String mode = settings.get(REPORTING);
        if (mode.isBlank()) {
            mode = gauge ? "periodic" : "on-event";
        }
        return switch (mode) {
            case ReportingMode.Regular.PERIODIC -> ReportingMode.Regular.periodic(settings);
            case "crisis-gauge" -> ReportingMode.CrisisGauge.of(settings.get(OBSERVATION_START), settings);
            case ReportingMode.Regular.ON_EVENT -> ReportingMode.Regular.onEvent(settings);
            default -> throw new IllegalArgumentException("unknown reporting mode " + mode);
        };
    }

    private static Map<Stage, Double> parseThresholds(String text) {
        Map<Stage, Double> thresholds = new EnumMap<>(Stage.class);
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("thresholds must read stage:metres, got " + pair);
            }
            thresholds.put(Stage.of(Integer.parseInt(parts[0].trim())), Double.valueOf(parts[1].trim()));
        }
        return thresholds;
    }

    public StationRules withStages(RiverStageRule rule) {
        return new StationRules(sensor, Optional.of(rule), rateOfRise, inundation, reporting, battery, plausibility);
    }

    public StationRules withRateOfRise(RateOfRiseRule rule) {
        return new StationRules(sensor, stages, Optional.of(rule), inundation, reporting, battery, plausibility);
    }

    public StationRules withInundation(InundationRule rule) {
        return new StationRules(sensor, stages, rateOfRise, Optional.of(rule), reporting, battery, plausibility);
    }

    public StationRules withReporting(ReportingMode mode) {
        return new StationRules(sensor, stages, rateOfRise, inundation, mode, battery, plausibility);
    }

    public StationRules withBattery(BatteryRule rule) {
        return new StationRules(sensor, stages, rateOfRise, inundation, reporting, rule, plausibility);
    }

    public StationRules withPlausibility(PlausibilityRule rule) {
        return new StationRules(sensor, stages, rateOfRise, inundation, reporting, battery, rule);
    }
}
