package org.kawamori.alerting;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kawamori.alerting.rules.Geo;
import org.kawamori.alerting.rules.NearFloodRule;
import org.kawamori.alerting.rules.NotSeenRule;
import org.kawamori.alerting.rules.Place;
import org.kawamori.core.Alert.Severity;
import org.kawamori.core.TagSighting;

/**
 * The conditions of a family's watch rules, worded for the family. Their facts may hold the tag's
 * position: they only ever go to the family's audience.
 */
final class WatchConditions {

    static final String PLACE = "place";
    private static final String TAG_JA = "見守りタグ";
    private static final String TAG_EN = "Watch tag";
    private static final String MISSING_JA = "捜索中の見守りタグ";
    private static final String MISSING_EN = "Missing watch tag";

    private WatchConditions() {}

    static Condition gatePass(Place place, TagSighting sighting) {
        return Condition.active(
                1,
                Severity.INFO,
                new Wording(
                        TAG_JA,
                        TAG_EN,
                        place.name() + "を通過（" + Facts.clock(sighting.last()) + "）",
                        "passed " + place.name() + " (" + Facts.clock(sighting.last()) + ")"),
                Facts.with(sightingFacts(sighting), PLACE, place.id(), "place-name", place.name()));
    }

    static Condition gateLeft(Instant at) {
        return Condition.inactive(new Wording(TAG_JA, TAG_EN, "通過終了", "pass ended"), Map.of("ended", at.toString()));
    }

    /** The first not-seen rule that fires, or inactive. */
    static Condition notSeen(Collection<NotSeenRule> rules, Optional<Instant> lastSeen, Instant now) {
        String last = lastSeen.map(Facts::clock).orElse("—");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("last-seen", lastSeen.map(Instant::toString).orElse(""));
        Wording wording = new Wording(TAG_JA, TAG_EN, "検知なし（最終 " + last + "）", "not seen (last " + last + ")");
        return rules.stream()
                .filter(rule -> rule.firesAt(now, lastSeen))
                .findFirst()
                .map(rule -> Condition.active(1, Severity.WARNING, wording, Facts.with(facts, "rule", rule.describe())))
                .orElseGet(() -> Condition.inactive(wording, facts));
    }

    static Condition seenAgain(TagSighting sighting) {
        return Condition.inactive(new Wording(TAG_JA, TAG_EN, "再び検知", "seen again"), sightingFacts(sighting));
    }

    /** The nearest flood within the rule's distance, or inactive. */
    static Condition nearFlood(NearFloodRule rule, Collection<FloodSpot> spots, TagSighting sighting) {
        record Near(FloodSpot spot, double metres) {}
        Optional<Near> nearest = spots.stream()
                .filter(spot -> spot.floodsFrom(rule.fromStage().number()))
                .map(spot -> new Near(spot, Geo.metresBetween(spot.sensor().location(), sighting.position())))
                .filter(near -> near.metres() <= rule.distanceMetres())
                .min(Comparator.comparingDouble(Near::metres));
        if (nearest.isEmpty()) {
            return Condition.inactive(
                    new Wording(TAG_JA, TAG_EN, "浸水・増水箇所から離れました", "away from the flood"), sightingFacts(sighting));
        }
        FloodSpot spot = nearest.get().spot();
        String metres = Facts.number(nearest.get().metres());
        return Condition.active(
                1,
                Severity.WARNING,
                new Wording(
                        TAG_JA,
                        TAG_EN,
                        spot.sensor().name() + "付近（" + metres + " m）で検知",
                        "sighted near " + spot.sensor().name() + " (" + metres + " m)"),
                Facts.with(
                        sightingFacts(sighting),
                        "station",
                        spot.sensor().id().value(),
                        "station-name",
                        spot.sensor().name(),
                        "distance-m",
                        metres));
    }

    static Condition lostDeclared(Instant at) {
        return Condition.active(
                1,
                Severity.CRITICAL,
                new Wording(MISSING_JA, MISSING_EN, "捜索を宣言", "search declared"),
                Map.of("declared", at.toString()));
    }

    static Condition lostSighting(TagSighting sighting) {
        return Condition.active(
                1,
                Severity.CRITICAL,
                new Wording(
                        MISSING_JA,
                        MISSING_EN,
                        Facts.clock(sighting.last()) + " に検知",
                        "sighted at " + Facts.clock(sighting.last())),
                sightingFacts(sighting));
    }

    static Condition lostEnded(Instant at) {
        return Condition.inactive(
                new Wording(MISSING_JA, MISSING_EN, "捜索終了", "search ended"), Map.of("ended", at.toString()));
    }

    private static Map<String, String> sightingFacts(TagSighting sighting) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("time", sighting.last().toString());
        facts.put("lat", Double.toString(sighting.position().latitude()));
        facts.put("lon", Double.toString(sighting.position().longitude()));
        facts.put("accuracy-m", Facts.number(sighting.accuracyMetres()));
        return facts;
    }
}
