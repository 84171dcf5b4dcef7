package org.kawamori.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kawamori.simulators.basin.Reporting;
import org.kawamori.simulators.basin.Station;
import org.kawamori.simulators.basin.TyphoonDay;
import org.kawamori.simulators.geo.BasinBoundaries;
import org.kawamori.simulators.play.Outgoing;
import org.kawamori.simulators.play.SimDevice.SimSensor;

class TyphoonDayTest {

    private static final Instant DAWN = Instant.parse("2026-09-20T15:00:00Z"); // 00:00 JST
    private static final Pattern VALUE = Pattern.compile("\"n\":\"(level|depth)\",\"u\":\"m\",\"v\":([0-9.]+)");

    private final TyphoonDay day = new TyphoonDay(SimulationConfig.defaults().withSensors(60), DAWN);
    private final List<Outgoing> all = day.between(DAWN, DAWN.plus(Duration.ofHours(24)));

    @Test
    void everySensorLiesInsideTheMunicipalityItIsRegisteredTo() {
        assertThat(day.stations()).hasSize(60);
        for (Station s : day.stations()) {
            var sensor = s.device().sensor();
            assertThat(BasinBoundaries.kakogawa().contains(sensor.municipality(), sensor.location()))
                    .as(sensor.id().value())
                    .isTrue();
        }
        assertThat(day.stations().stream()
                        .map(s -> s.device().sensor().municipality())
                        .distinct()
                        .count())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void theCrestReachesUpstreamGaugesOfTheKakogawaHoursBeforeDownstreamOnes() {
        List<Station> mainStem = gauges().stream()
                .filter(s -> s.river().nameJa().equals("加古川"))
                .sorted(Comparator.comparingDouble(Station::along))
                .toList();
        assertThat(mainStem).hasSizeGreaterThanOrEqualTo(4);
        Instant previous = Instant.MIN;
        for (Station gauge : mainStem) {
            Instant peak = reportsOf(gauge).stream()
                    .max(Comparator.comparingDouble(TyphoonDayTest::value))
                    .orElseThrow()
                    .at();
            assertThat(peak).isAfterOrEqualTo(previous);
            previous = peak;
        }
        Instant first = peakOf(mainStem.get(0));
        Instant last = peakOf(mainStem.get(mainStem.size() - 1));
        assertThat(Duration.between(first, last)).isGreaterThan(Duration.ofHours(3));
    }

    @Test
    void everyGaugeRisesThroughTheStagesToFloodDangerAndFallsBackBelowStandby() {
        TreeSet<Integer> reachedAnywhere = new TreeSet<>();
        for (Station gauge : gauges()) {
            var stages = gauge.stages().orElseThrow();
            List<Integer> seen =
                    reportsOf(gauge).stream().map(o -> stages.stageOf(value(o))).toList();
            assertThat(seen.get(0)).as("calm at dawn").isZero();
            assertThat(seen.get(seen.size() - 1)).as("calm at night").isZero();
            int max = seen.stream().max(Integer::compare).orElseThrow();
            assertThat(max).as("氾濫危険 reached").isGreaterThanOrEqualTo(4);
            // up through each stage, then down: the stage sequence rises to its top once and falls
            int top = seen.indexOf(max);
            for (int i = 1; i < seen.size(); i++) {
                if (i <= top) {
                    assertThat(seen.get(i)).isGreaterThanOrEqualTo(seen.get(i - 1) - 0);
                } else {
                    assertThat(seen.get(i)).isLessThanOrEqualTo(seen.get(i - 1));
                }
            }
            seen.forEach(reachedAnywhere::add);
        }
        assertThat(reachedAnywhere).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aCalmCrisisGaugeReportsOnceADayAndEveryTenMinutesAboveItsObservationStart() {
        List<Station> crisis =
                gauges().stream().filter(s -> s.reporting() == Reporting.CRISIS).toList();
        assertThat(crisis).isNotEmpty();
        for (Station gauge : crisis) {
            List<Outgoing> reports = reportsOf(gauge);
            long calm = reports.stream()
                    .filter(o -> value(o) < gauge.observationStart())
                    .count();
            assertThat(calm).as("calm reports in a day").isLessThanOrEqualTo(1);
            List<Outgoing> active = reports.stream()
                    .filter(o -> value(o) >= gauge.observationStart())
                    .toList();
            for (int i = 1; i < active.size(); i++) {
                assertThat(Duration.between(
                                active.get(i - 1).at(), active.get(i).at()))
                        .isEqualTo(Duration.ofMinutes(10));
            }
            assertThat(reports.size()).isLessThan(144);
        }
        Station periodic = gauges().stream()
                .filter(s -> s.reporting() == Reporting.PERIODIC)
                .findFirst()
                .orElseThrow();
        assertThat(reportsOf(periodic)).hasSize(144);
    }

    @Test
    void anInundationSensorReportsOnlyWhileWetWhenItDriesAndForItsDailyHealthCheck() {
        List<Station> sensors =
                day.stations().stream().filter(s -> !s.isGauge()).toList();
        assertThat(sensors).isNotEmpty();
        for (Station sensor : sensors) {
            List<Outgoing> reports = reportsOf(sensor);
            assertThat(reports.stream().filter(o -> o.records() == 2))
                    .as("one health check")
                    .hasSize(1);
            List<Outgoing> dry = reports.stream()
                    .filter(o -> o.records() == 1 && value(o) == 0)
                    .toList();
            assertThat(dry).as("one 'dry again'").hasSize(1);
            long wet = reports.stream()
                    .filter(o -> o.records() == 1 && value(o) > 0)
                    .count();
            assertThat(wet).as("wet for a few hours, at 5 min").isBetween(6L, 24L * 12);
        }
    }

    @Test
    void theSameSeedGivesTheSameDayWhateverTheWindows() {
        TyphoonDay again = new TyphoonDay(SimulationConfig.defaults().withSensors(60), DAWN);
        List<Outgoing> pieces = new java.util.ArrayList<>();
        for (Instant t = DAWN; t.isBefore(DAWN.plus(Duration.ofHours(24))); t = t.plus(Duration.ofSeconds(137))) {
            pieces.addAll(again.between(t, t.plus(Duration.ofSeconds(137))));
        }
        assertThat(pieces.stream().map(Outgoing::payload).collect(Collectors.toSet()))
                .isEqualTo(all.stream().map(Outgoing::payload).collect(Collectors.toSet()));
        assertThat(pieces).hasSameSizeAs(all);
        Map<String, String> secrets = new TyphoonDay(SimulationConfig.defaults().withSeed(1), DAWN)
                .devices().stream()
                        .map(d -> (SimSensor) d)
                        .collect(Collectors.toMap(d -> d.sensor().id().value(), SimSensor::secret));
        assertThat(secrets.get("sim-g-0001"))
                .isNotEqualTo(((SimSensor) day.devices().get(0)).secret());
    }

    private List<Station> gauges() {
        return day.stations().stream().filter(Station::isGauge).toList();
    }

    private List<Outgoing> reportsOf(Station s) {
        return all.stream().filter(o -> o.sender().equals(s.device())).toList();
    }

    private Instant peakOf(Station s) {
        return reportsOf(s).stream()
                .max(Comparator.comparingDouble(TyphoonDayTest::value))
                .orElseThrow()
                .at();
    }

    private static double value(Outgoing o) {
        Matcher m = VALUE.matcher(o.payload());
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(2));
    }
}
