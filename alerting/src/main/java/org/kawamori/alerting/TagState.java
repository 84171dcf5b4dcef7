package org.kawamori.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.kawamori.alerting.rules.GatePassRule;
import org.kawamori.alerting.rules.Lifecycle;
import org.kawamori.alerting.rules.WatchRules;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagSighting;
import org.kawamori.core.alert.AlertRecord;

/**
 * What the engine remembers of one watched tag: its last sighting, when it was last at the gate of an
 * open pass, the sightings of a declared search, and its alerts. Personal data: never printed.
 */
final class TagState implements Owned<TagState> {

    /** A declared search keeps at most this many sightings for the officers' audited reads. */
    static final int SEARCH_SIGHTINGS = 500;

    private WatchRules rules;
    private Optional<TagSighting> last;
    private Instant lastAtGate;
    private final List<TagSighting> searchSightings;
    private final AlertBook book;

    TagState(WatchRules rules, LongSupplier ids) {
        this.rules = rules;
        this.last = Optional.empty();
        this.searchSightings = new ArrayList<>();
        this.book = new AlertBook(ids);
    }

    private TagState(TagState other) {
        this.rules = other.rules;
        this.last = other.last;
        this.lastAtGate = other.lastAtGate;
        this.searchSightings = new ArrayList<>(other.searchSightings);
        this.book = other.book.copy();
    }

    static String owner(WatchRules rules) {
        return "tag:" + rules.tag().value();
    }

    @Override
    public TagState copy() {
        return new TagState(this);
    }

    @Override
    public AlertBook book() {
        return book;
    }

    void use(WatchRules current) {
        this.rules = current;
    }

    WatchRules rules() {
        return rules;
    }

    /** The last sighting from the store, at start-up; an open pass counts from it. */
    void remember(TagSighting sighting) {
        last = Optional.of(sighting);
        lastAtGate = sighting.last();
    }

    void evaluate(TagSighting sighting, Collection<FloodSpot> spots) {
        if (last.map(previous -> !sighting.last().isAfter(previous.last())).orElse(false)) {
            return;
        }
        Instant at = sighting.last();
        last = Optional.of(sighting);
        book.reconcile(target(RuleCode.NOT_SEEN), WatchConditions.seenAgain(sighting), at);
        gatePass(sighting, at);
        rules.nearFlood()
                .ifPresent(rule -> book.reconcile(
                        target(RuleCode.NEAR_FLOOD), WatchConditions.nearFlood(rule, spots, sighting), at));
        if (search().isPresent()) {
            if (searchSightings.size() == SEARCH_SIGHTINGS) {
                searchSightings.remove(0);
            }
            searchSightings.add(sighting);
            book.announce(target(RuleCode.LOST_MODE), WatchConditions.lostSighting(sighting), at);
        }
    }

    void tick(Instant now, Collection<FloodSpot> spots, Function<MunicipalityCode, Lifecycle> lifecycles) {
        if (book.find(target(RuleCode.NOT_SEEN)).isEmpty()) {
            book.reconcile(
                    target(RuleCode.NOT_SEEN),
                    WatchConditions.notSeen(rules.notSeen(), last.map(TagSighting::last), now),
                    now);
        }
        openPass().ifPresent(pass -> {
            if (passEnded(pass, now)) {
                book.reconcile(target(RuleCode.GATE_PASS), WatchConditions.gateLeft(now), now);
            }
        });
        if (book.find(target(RuleCode.NEAR_FLOOD)).isPresent()) {
            rules.nearFlood()
                    .ifPresent(rule -> last.ifPresent(sighting -> book.reconcile(
                            target(RuleCode.NEAR_FLOOD), WatchConditions.nearFlood(rule, spots, sighting), now)));
        }
        book.remind(now, lifecycles);
    }

    void declareLost(Instant at) {
        book.reconcile(target(RuleCode.LOST_MODE), WatchConditions.lostDeclared(at), at);
    }

    void endLost(Instant at) {
        book.reconcile(target(RuleCode.LOST_MODE), WatchConditions.lostEnded(at), at);
        searchSightings.clear();
    }

    Optional<AlertRecord> search() {
        return book.find(target(RuleCode.LOST_MODE));
    }

    List<TagSighting> searchSightings() {
        return List.copyOf(searchSightings);
    }

    private void gatePass(TagSighting sighting, Instant at) {
        Optional<GatePassRule> here = rules.gates().stream()
                .filter(gate -> gate.place().contains(sighting.position()))
                .findFirst();
        Optional<AlertRecord> pass = openPass();
        if (here.isPresent()) {
            String place = here.get().place().id();
            boolean samePass = pass.map(p -> place.equals(p.detail().get(WatchConditions.PLACE)))
                    .orElse(false);
            if (!samePass) {
                book.reconcile(target(RuleCode.GATE_PASS), WatchConditions.gateLeft(at), at);
                book.reconcile(
                        target(RuleCode.GATE_PASS),
                        WatchConditions.gatePass(here.get().place(), sighting),
                        at);
            }
            lastAtGate = at;
        } else {
            pass.filter(p -> passEnded(p, at))
                    .ifPresent(p -> book.reconcile(target(RuleCode.GATE_PASS), WatchConditions.gateLeft(at), at));
        }
    }

    private Optional<AlertRecord> openPass() {
        return book.find(target(RuleCode.GATE_PASS));
    }

    private boolean passEnded(AlertRecord pass, Instant now) {
        Duration debounce = rules.gates().stream()
                .filter(gate -> gate.place().id().equals(pass.detail().get(WatchConditions.PLACE)))
                .map(GatePassRule::debounce)
                .findFirst()
                .orElse(Duration.ZERO);
        Instant since = lastAtGate == null ? pass.alert().changedAt() : lastAtGate;
        return !now.isBefore(since.plus(debounce));
    }

    private Target target(RuleCode rule) {
        return new Target(owner(rules), rules.tag().value(), rule, rules.municipality(), Optional.of(rules.family()));
    }
}
