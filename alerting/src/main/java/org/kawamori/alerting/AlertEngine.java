package org.kawamori.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kawamori.alerting.rules.RuleBook;
import org.kawamori.alerting.rules.StationRules;
import org.kawamori.alerting.rules.WatchRules;
import org.kawamori.core.Alert.State;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorState;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.alert.AlertChange;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertStore;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.SearchAudit;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SightingQueries;

/**
 * The alert rule engine: it watches committed readings and folded tag sightings with the rules of
 * a {@link RuleBook}, moves one alert per subject and rule through its lifecycle, and records every
 * transition with its notices in the {@link AlertStore}. Pure and clock-driven: time is the readings'
 * time, the sightings' time, and the {@code now} given to {@link #tick}; it never reads a clock and
 * never sleeps.
 *
 * <pre>
 * routing (committed)          AlertEngine                                  AlertStore      caller
 *   |                              |                                             |             |
 *   |-- onReadings(sensor, rs) --->| lock sensor's slot, copy its state (draft)  |             |
 *   |                              |-- report arrived: 欠測 cleared              |             |
 *   |                              |-- level: SpikeFilter --HELD--> suspect-value alert, stop   |
 *   |                              |            |--ACCEPTED/CONFIRMED--> Series               |
 *   |                              |                 |--> RiverStages --> river-stage alert    |
 *   |                              |                 |        `--> Upstream --> upstream-warning alert(s) of
 *   |                              |                 |                         each subscribed municipality
 *   |                              |                 `--> RateOfRise --> rate-of-rise alert    |
 *   |                              |-- depth --> Inundation --> inundation alert               |
 *   |                              |-- battery --> battery-low alert                           |
 *   |                              |   AlertBook: condition change -> transition #n, notices    |
 *   |                              |              keyed Notice.keyOf(id, n)                      |
 *   |                              |-- record(changes) ------------------------->| one tx     |
 *   |                              |   (throws: draft dropped, state unchanged)   |            |
 *   |                              |   draft becomes state; flood spots updated   |            |
 *   |&lt;--------- Evaluation -------|   unlock                                      |            |
 *   |                              |                                              |            |
 * sightings --- onSighting(s) ---->| lock tag's slot: not-seen cleared, gate pass (de-bounced),
 *                                  | near flood (reads the flood spots), lost mode: each sighting told
 * scheduler --- tick(now) -------->| each sensor: 欠測 when overdue, dry confirmed by time, reminders
 *                                  | each tag: not seen, pass ended, near flood over, reminders
 * officer ----- acknowledge(id) -->| the owner's slot: OPEN -> ACKNOWLEDGED (reminders stop)
 * family ------ declareLost(tag) ->| lost-mode alert: family + the tag municipality's officers
 * officer ----- searchSightings -->| audit entry written first (SearchAudit), then the sightings
 * </pre>
 *
 * <p>Concurrency: every subject (a sensor with the upstream warnings it drives, or a tag) has its own
 * lock, so different subjects are evaluated concurrently, while two inputs of one subject — two
 * readings 1 ms apart, or a reading and a tick — are evaluated one after the other: the second sees
 * the alert the first opened. The caller keeps each subject's inputs in order; an input older than
 * what the subject has seen is ignored (redeliveries are absorbed).
 *
 * <p>Restart: {@link #restore} rebuilds the state from the store's active alerts (with their levels,
 * sequences and details), the sensors' recent readings (replayed into memory only, so hysteresis
 * holds, rise windows, dry counts and the spike filter carry on) and the tags' last sightings.
 */
public final class AlertEngine {

    /** At most this many readings per sensor are replayed at start-up. */
    static final int RESTORE_READINGS = 10_000;

    private volatile RuleBook rules;
    private final AlertStore store;
    private final SearchAudit audit;
    private final ConcurrentMap<String, Slot<StationState>> stations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Slot<TagState>> tags = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, String> owners = new ConcurrentHashMap<>();
    private final ConcurrentMap<DeviceId, FloodSpot> spots = new ConcurrentHashMap<>();

    public AlertEngine(RuleBook rules, AlertStore store, SearchAudit audit) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * An engine that carries on from what the store holds: each active alert goes back to its owner
     * (detail {@code _owner}), each registered sensor replays its readings of the last look-back
     * (or its latest reading), each watched tag gets its last sighting.
     */
    public static AlertEngine restore(
            RuleBook rules,
            AlertStore store,
            SearchAudit audit,
            ReadingQueries readings,
            SightingQueries sightings,
            Instant now) {
        AlertEngine engine = new AlertEngine(rules, store, audit);
        Map<String, List<AlertRecord>> alerts = store.activeAlerts().stream()
                .collect(Collectors.groupingBy(a -> a.detail().getOrDefault(NoticeWriter.OWNER, "")));
        for (SensorState registered : readings.latestStates()) {
            StationRules station = rules.station(registered.sensor());
            StationState state = engine.newStation(station);
            Duration lookback = StationState.lookback(station).multipliedBy(2);
            List<Reading> recent =
                    readings.readings(station.sensor().id(), now.minus(lookback), now.plusMillis(1), RESTORE_READINGS);
            if (recent.isEmpty()) {
                registered.latest().ifPresent(state::remember);
            } else {
                recent.stream().sorted(Comparator.comparing(Reading::time)).forEach(state::remember);
            }
            alerts.getOrDefault(StationState.owner(station.sensor()), List.of()).forEach(state.book()::restore);
            engine.install(engine.stations, StationState.owner(station.sensor()), state);
            engine.afterStation(state, List.of());
        }
        for (WatchRules watch : rules.watches()) {
            TagState state = new TagState(watch, store::nextAlertId);
            sightings.lastSighting(watch.tag()).ifPresent(state::remember);
            alerts.getOrDefault(TagState.owner(watch), List.of()).forEach(state.book()::restore);
            engine.install(engine.tags, TagState.owner(watch), state);
        }
        return engine;
    }

    /** Swaps the rules (they were edited); each subject uses the new ones from its next evaluation. */
    public void replaceRules(RuleBook rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** Evaluates committed readings of one sensor, oldest first. */
    public Evaluation onReadings(Sensor sensor, List<Reading> readings) {
        RuleBook book = rules;
        StationRules station = book.station(sensor);
        List<Reading> suspects = new ArrayList<>();
        List<Reading> ordered = readings.stream()
                .filter(r -> r.device().equals(sensor.id()))
                .sorted(Comparator.comparing(Reading::time))
                .toList();
        List<AlertChange> changes = stationSlot(station)
                .apply(
                        state -> {
                            state.use(station);
                            ordered.forEach(r -> state.evaluate(r, book.subscriptionsOf(sensor.id()), suspects::add));
                        },
                        store,
                        this::afterStation);
        return new Evaluation(changes, suspects);
    }

    /** Evaluates one folded sighting; a tag without watch rules is ignored. */
    public Evaluation onSighting(TagSighting sighting) {
        return rules.watch(sighting.tag())
                .map(watch -> onTag(watch, state -> state.evaluate(sighting, List.copyOf(spots.values()))))
                .orElse(Evaluation.NONE);
    }

    /** Time-driven rules of every subject at {@code now}: 欠測, dry by time, not seen, pass ended, reminders. */
    public Evaluation tick(Instant now) {
        RuleBook book = rules;
        List<AlertChange> changes = new ArrayList<>();
        for (Slot<StationState> slot : List.copyOf(stations.values())) {
            changes.addAll(slot.apply(state -> state.tick(now, book::lifecycle), store, this::afterStation));
        }
        List<FloodSpot> floods = List.copyOf(spots.values());
        for (WatchRules watch : book.watches()) {
            changes.addAll(onTag(watch, state -> state.tick(now, floods, book::lifecycle))
                    .changes());
        }
        return new Evaluation(changes, List.of());
    }

    /** An officer (or the family, for its own tag) acknowledges an open alert; again is a no-op. */
    public Evaluation acknowledge(long alertId, String by, Instant at) {
        Objects.requireNonNull(by, "by");
        String owner = owners.get(alertId);
        if (owner == null) {
            throw new IllegalArgumentException("no active alert " + alertId);
        }
        Consumer<Owned<?>> ack = state -> state.book().acknowledge(alertId, by, at);
        List<AlertChange> changes = owner.startsWith("tag:")
                ? tags.get(owner).apply(ack::accept, store, this::afterTag)
                : stations.get(owner).apply(ack::accept, store, this::afterStation);
        return new Evaluation(changes, List.of());
    }

    /** The family declares its tag missing: a search (lost-mode alert) for the family and its municipality's officers. */
    public Evaluation declareLost(TagId tag, Instant at) {
        return onTag(watched(tag), state -> state.declareLost(at));
    }

    /** The family ends the search (the person is found). */
    public Evaluation endLost(TagId tag, Instant at) {
        return onTag(watched(tag), state -> state.endLost(at));
    }

    /**
     * The sightings of a declared search, for an officer of the tag's municipality. The read is
     * written to the audit log first; an officer of another municipality, or a search that is not
     * declared (any more), is refused.
     */
    public List<TagSighting> searchSightings(long searchId, Audience.Officers officers, String officer, Instant at) {
        String owner = owners.get(searchId);
        Slot<TagState> slot = owner == null ? null : tags.get(owner);
        if (slot == null) {
            throw new IllegalStateException("no declared search " + searchId);
        }
        return slot.read(state -> {
            boolean declared = state.search().map(a -> a.id() == searchId).orElse(false);
            if (!declared || !state.rules().municipality().equals(officers.municipality())) {
                throw new IllegalStateException("no declared search " + searchId + " for these officers");
            }
            List<TagSighting> sightings = state.searchSightings();
            audit.officerRead(
                    new SearchAudit.OfficerRead(searchId, officers.municipality(), officer, at, sightings.size()));
            return sightings;
        });
    }

    /** Every alert that is not cleared. */
    public List<AlertRecord> activeAlerts() {
        return Stream.concat(
                        stations.values().stream()
                                .map(s -> s.read(st -> st.book().active())),
                        tags.values().stream().map(s -> s.read(t -> t.book().active())))
                .flatMap(List::stream)
                .sorted(Comparator.comparingLong(AlertRecord::id))
                .toList();
    }

    private Evaluation onTag(WatchRules watch, Consumer<TagState> evaluation) {
        Slot<TagState> slot = tags.computeIfAbsent(
                TagState.owner(watch), owner -> new Slot<>(new TagState(watch, store::nextAlertId)));
        List<AlertChange> changes = slot.apply(
                state -> {
                    state.use(watch);
                    evaluation.accept(state);
                },
                store,
                this::afterTag);
        return new Evaluation(changes, List.of());
    }

    private WatchRules watched(TagId tag) {
        return rules.watch(tag).orElseThrow(() -> new IllegalArgumentException("the tag has no watch rules"));
    }

    private Slot<StationState> stationSlot(StationRules station) {
        return stations.computeIfAbsent(StationState.owner(station.sensor()), owner -> new Slot<>(newStation(station)));
    }

    private StationState newStation(StationRules station) {
        return new StationState(station, store::nextAlertId);
    }

    /** A restored owner: its slot, and its active alerts in the index. */
    private <S extends Owned<S>> void install(ConcurrentMap<String, Slot<S>> slots, String owner, S state) {
        slots.put(owner, new Slot<>(state));
        state.book().active().forEach(alert -> owners.put(alert.id(), owner));
    }

    private void afterStation(StationState state, List<AlertChange> changes) {
        index(StationState.owner(state.sensor()), changes);
        DeviceId id = state.sensor().id();
        state.spot().ifPresentOrElse(spot -> spots.put(id, spot), () -> spots.remove(id));
    }

    /** Keeps alert id → owner for acknowledgements and searches; cleared alerts leave. */
    private void index(String owner, List<AlertChange> changes) {
        for (AlertChange change : changes) {
            if (change.after().alert().state() == State.CLEARED) {
                owners.remove(change.alertId());
            } else {
                owners.put(change.alertId(), owner);
            }
        }
    }

    private void afterTag(TagState state, List<AlertChange> changes) {
        index(TagState.owner(state.rules()), changes);
    }
}
