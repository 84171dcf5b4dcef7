package org.kawamori.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kawamori.core.GeoPoint;
import org.kawamori.simulators.geo.BasinBoundaries;
import org.kawamori.simulators.geo.Geo;
import org.kawamori.simulators.play.Outgoing;
import org.kawamori.simulators.play.SimDevice.SimGateway;
import org.kawamori.simulators.watch.Scanner;
import org.kawamori.simulators.watch.SchoolDay;
import org.kawamori.simulators.watch.Walker;

class SchoolDayTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-23T15:00:00Z"); // 00:00 JST
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchoolDay day =
            new SchoolDay(SimulationConfig.defaults().withScanEvery(Duration.ofSeconds(20)), MIDNIGHT);
    private final List<Outgoing> batches = day.between(MIDNIGHT, MIDNIGHT.plus(Duration.ofHours(24)));
    private final Map<String, Walker> walkers =
            day.walkers().stream().collect(Collectors.toMap(w -> w.tag().tag().value(), Function.identity()));

    @Test
    void gatewaysReportOnlyTheTagsWithinHearingRangeOfWhereTheyAre() throws Exception {
        assertThat(batches).hasSizeGreaterThan(100);
        Map<String, Scanner> scanners = day.scanners().stream()
                .collect(Collectors.toMap(s -> s.gateway().gateway().id().value(), Function.identity()));
        for (Outgoing batch : batches) {
            JsonNode json = JSON.readTree(batch.payload());
            Scanner scanner = scanners.get(json.path("gateway").asText());
            GeoPoint gateway = scanner.walk().at(batch.at());
            assertThat(json.has("position")).isEqualTo(scanner.moves());
            assertThat(json.path("detections").size())
                    .isEqualTo(batch.records())
                    .isBetween(1, 1000);
            for (JsonNode d : json.path("detections")) {
                GeoPoint tag = walkers.get(d.path("tag").asText()).walk().at(batch.at());
                assertThat(Geo.distance(gateway, tag)).isLessThanOrEqualTo(Scanner.RANGE_METRES);
                assertThat(d.path("rssi").asInt()).isBetween(-127, -40);
            }
        }
    }

    @Test
    void childrenAreHeardAtTheirSchoolGateOnTheWayToSchoolAndHome() throws Exception {
        long gateBatchesAtSchoolTimes = batches.stream()
                .filter(b -> ((SimGateway) b.sender()).gateway().id().value().startsWith("sim-gate-"))
                .map(b -> Duration.between(MIDNIGHT, b.at()).toHours())
                .filter(h -> h == 7 || h == 8 || h == 14 || h == 15 || h == 16)
                .count();
        long gateBatches = batches.stream()
                .filter(b -> ((SimGateway) b.sender()).gateway().id().value().startsWith("sim-gate-"))
                .count();
        assertThat(gateBatchesAtSchoolTimes).isGreaterThan(0);
        // at the gate all school day long (the school is within range of its gate), not at night
        assertThat(gateBatches).isGreaterThan(gateBatchesAtSchoolTimes);
    }

    @Test
    void theMissingChildsTagIsNoLongerHeardNearItsWayOnceItHasWanderedOff() throws Exception {
        Walker child = day.missingChild().orElseThrow();
        String tag = child.tag().tag().value();
        Instant gone = child.missingFrom().orElseThrow().plus(Duration.ofMinutes(20));
        Map<String, Scanner> scanners = day.scanners().stream()
                .collect(Collectors.toMap(s -> s.gateway().gateway().id().value(), Function.identity()));
        int before = 0;
        for (Outgoing batch : batches) {
            JsonNode json = JSON.readTree(batch.payload());
            boolean hasTag = false;
            for (JsonNode d : json.path("detections")) {
                hasTag |= d.path("tag").asText().equals(tag);
            }
            if (!hasTag) {
                continue;
            }
            GeoPoint heardAt =
                    scanners.get(json.path("gateway").asText()).walk().at(batch.at());
            if (batch.at().isAfter(gone)) {
                assertThat(child.usualPath().distanceTo(heardAt)).isGreaterThan(500);
            } else {
                before++;
            }
        }
        assertThat(before).as("heard on its way in the morning").isPositive();
        assertThat(Geo.distance(
                        child.walk().at(MIDNIGHT.plus(Duration.ofHours(20))),
                        child.usualPath().at(0)))
                .as("not home in the evening")
                .isGreaterThan(500);
    }

    @Test
    void everyTagAndFixedGatewayIsRegisteredToTheMunicipalityItLivesOrStandsIn() {
        for (Walker w : day.walkers()) {
            assertThat(BasinBoundaries.kakogawa()
                            .contains(w.tag().municipality(), w.walk().at(MIDNIGHT)))
                    .isTrue();
        }
        for (Scanner s : day.scanners()) {
            s.gateway().gateway().position().ifPresent(p -> assertThat(BasinBoundaries.kakogawa()
                            .contains(s.gateway().gateway().municipality(), p))
                    .isTrue());
        }
        assertThat(day.scanners()).hasSize(SimulationConfig.DEFAULT_GATEWAYS + SimulationConfig.DEFAULT_PHONES);
    }
}
