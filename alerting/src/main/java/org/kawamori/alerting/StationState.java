package org.kawamori.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kawamori.alerting.rules.Lifecycle;
import org.kawamori.alerting.rules.StationRules;
import org.kawamori.alerting.rules.UpstreamSubscription;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.alert.AlertRecord;

/**
 * What the engine remembers of one sensor: its recent accepted levels and depths, the spike filter,
 * its last report (for 欠測), and its alerts, including the upstream warnings of the municipalities
 * that subscribe to it (they change only when this sensor is evaluated, so its lock guards them).
 */
final class StationState implements Owned<StationState> {

    private StationRules rules;
    private final Series levels;
    private final Series depths;
    private final SpikeFilter spikes;
    private final Map<Quantity, Instant> lastTimes;
    private Instant lastReport;
    private OptionalDouble lastLevel;
    private final AlertBook book;

    StationState(StationRules rules, LongSupplier ids) {
        this.rules = rules;
        Duration lookback = lookback(rules);
        int dryReports = rules.inundation().map(r -> r.dryReports()).orElse(1);
        this.levels = new Series(lookback, 2);
        this.depths = new Series(lookback, dryReports);
        this.spikes = new SpikeFilter();
        this.lastTimes = new EnumMap<>(Quantity.class);
        this.lastLevel = OptionalDouble.empty();
        this.book = new AlertBook(ids);
    }

    private StationState(StationState other) {
        this.rules = other.rules;
        this.levels = other.levels.copy();
        this.depths = other.depths.copy();
        this.spikes = other.spikes.copy();
        this.lastTimes = new EnumMap<>(other.lastTimes);
        this.lastReport = other.lastReport;
        this.lastLevel = other.lastLevel;
        this.book = other.book.copy();
    }

    /** How far back the rules look: the longest of the stage hold, the rise window and the dry hold. */
    static Duration lookback(StationRules rules) {
        return Stream.of(
                        rules.stages().map(r -> r.hold()),
                        rules.rateOfRise().map(r -> r.window()),
                        rules.inundation().map(r -> r.dryHold()))
                .flatMap(Optional::stream)
                .max(Duration::compareTo)
                .orElse(Duration.ofHours(1));
    }

    static String owner(Sensor sensor) {
        return "sensor:" + sensor.id().value();
    }

    @Override
    public StationState copy() {
        return new StationState(this);
    }

    @Override
    public AlertBook book() {
        return book;
    }

    Sensor sensor() {
        return rules.sensor();
    }

    void use(StationRules current) {
        this.rules = current;
    }

    /** Takes a reading into memory only (restoring at start-up): no rule runs, no alert moves. */
    void remember(Reading reading) {
        take(reading, verdict -> {}, accepted -> {});
    }

    /** Evaluates one reading; held suspect readings go to {@code suspects}. */
    void evaluate(Reading reading, List<UpstreamSubscription> subscriptions, Consumer<Reading> suspects) {
        if (isStale(reading)) {
            return;
        }
        // a report, whatever it says, ends 欠測 (the condition, with its wording, is built only when
        // there is an alert to end: this runs on every reading)
        Target offline = target(RuleCode.OFFLINE);
        if (book.find(offline).isPresent()) {
            book.reconcile(offline, offline(reading.time(), reading.time()), reading.time());
        }
        SpikeFilter.Verdict verdict = take(
                reading,
                outcome -> {
                    Target suspect = target(RuleCode.SUSPECT);
                    if (spikes.suspect().isPresent() || book.find(suspect).isPresent()) {
                        book.reconcile(
                                suspect, DeviceHealth.suspect(sensor(), spikes, outcome, reading), reading.time());
                    }
                },
                accepted -> {
                    if (accepted.quantity() == Quantity.WATER_LEVEL) {
                        onLevel(accepted, subscriptions);
                    } else if (accepted.quantity() == Quantity.INUNDATION_DEPTH) {
                        onDepth(accepted.time());
                    }
                });
        switch (reading.quantity()) {
            case WATER_LEVEL -> {
                if (verdict == SpikeFilter.Verdict.HELD) {
                    suspects.accept(reading);
                }
            }
            case BATTERY ->
                book.reconcile(
                        target(RuleCode.BATTERY_LOW),
                        DeviceHealth.battery(
                                sensor(),
                                rules.battery(),
                                book.find(target(RuleCode.BATTERY_LOW)).isPresent(),
                                reading),
                        reading.time());
            case INUNDATION_DEPTH -> {}
        }
    }

    /** 欠測 when overdue, dry confirmed by time for a sensor that is not overdue, and reminders. */
    void tick(Instant now, Function<MunicipalityCode, Lifecycle> lifecycles) {
        if (lastReport != null) {
            Condition missing = offline(lastReport, now);
            if (missing.isActive()) {
                book.reconcile(target(RuleCode.OFFLINE), missing, now);
            } else if (book.find(target(RuleCode.INUNDATION)).isPresent()) {
                onDepth(now);
            }
        }
        book.remind(now, lifecycles);
    }

    /** The flood this sensor shows now, if any: for the near-flood rule of tags. */
    Optional<FloodSpot> spot() {
        return book.find(target(RuleCode.RIVER_STAGE))
                .or(() -> book.find(target(RuleCode.INUNDATION)))
                .map(alert -> new FloodSpot(sensor(), alert.level()));
    }

    private SpikeFilter.Verdict take(
            Reading reading, Consumer<SpikeFilter.Verdict> onVerdict, Consumer<Reading> onAccepted) {
        if (isStale(reading)) {
            return SpikeFilter.Verdict.REJECTED;
        }
        lastTimes.put(reading.quantity(), reading.time());
        if (lastReport == null || reading.time().isAfter(lastReport)) {
            lastReport = reading.time();
        }
        return switch (reading.quantity()) {
            case WATER_LEVEL -> {
                lastLevel = OptionalDouble.of(reading.value());
                SpikeFilter.Outcome outcome = spikes.offer(reading, rules.plausibility());
                onVerdict.accept(outcome.verdict());
                for (Reading accepted : outcome.accepted()) {
                    levels.add(accepted.time(), accepted.value());
                    onAccepted.accept(accepted);
                }
                yield outcome.verdict();
            }
            case INUNDATION_DEPTH -> {
                depths.add(reading.time(), reading.value());
                onAccepted.accept(reading);
                yield SpikeFilter.Verdict.ACCEPTED;
            }
            case BATTERY -> SpikeFilter.Verdict.ACCEPTED;
        };
    }

    private boolean isStale(Reading reading) {
        Instant last = lastTimes.get(reading.quantity());
        return last != null && !reading.time().isAfter(last);
    }

    private void onLevel(Reading reading, List<UpstreamSubscription> subscriptions) {
        Series.Sample latest = levels.latest().orElseThrow();
        rules.stages().ifPresent(rule -> {
            int current = book.find(target(RuleCode.RIVER_STAGE))
                    .map(AlertRecord::level)
                    .orElse(0);
            int decided = RiverStages.decide(rule, current, levels);
            // the condition, with its wording and facts, is built only where an alert can move: the
            // stage changed, or upstream warnings follow it (this runs on every level reading)
            if (decided != current || !subscriptions.isEmpty()) {
                Condition stage = RiverStages.condition(sensor(), rule, decided, latest);
                book.reconcile(target(RuleCode.RIVER_STAGE), stage, reading.time());
                for (UpstreamSubscription subscription : subscriptions) {
                    book.reconcile(
                            upstreamTarget(subscription),
                            Upstream.condition(sensor(), subscription, stage),
                            reading.time());
                }
            }
            endUnsubscribed(subscriptions, reading.time());
        });
        rules.rateOfRise().ifPresent(rule -> {
            boolean active = book.find(target(RuleCode.RATE_OF_RISE)).isPresent();
            RateOfRise.Rise rise = RateOfRise.measure(rule, active, levels);
            if (rise.rising() != active) {
                book.reconcile(target(RuleCode.RATE_OF_RISE), rise.condition(sensor(), rule), reading.time());
            }
        });
    }

    /** An upstream warning whose subscription was removed from the rules clears. */
    private void endUnsubscribed(List<UpstreamSubscription> subscriptions, Instant at) {
        if (book.isEmpty()) {
            return;
        }
        Set<String> subscribed =
                subscriptions.stream().map(s -> upstreamTarget(s).key()).collect(Collectors.toSet());
        for (AlertRecord alert : book.active()) {
            Target target = new Target(
                    owner(sensor()),
                    alert.alert().subject(),
                    RuleCode.UPSTREAM,
                    alert.alert().municipality(),
                    Optional.empty());
            if (alert.alert().rule().equals(RuleCode.UPSTREAM.code()) && !subscribed.contains(target.key())) {
                book.reconcile(
                        target,
                        Condition.inactive(
                                Wording.from(alert.detail()),
                                Facts.with(Facts.station(sensor()), "subscription", "ended")),
                        at);
            }
        }
    }

    private void onDepth(Instant now) {
        rules.inundation().ifPresent(rule -> depths.latest().ifPresent(latest -> {
            int current = book.find(target(RuleCode.INUNDATION))
                    .map(AlertRecord::level)
                    .orElse(0);
            int step = Inundation.decide(rule, current, depths, now);
            book.reconcile(target(RuleCode.INUNDATION), Inundation.condition(sensor(), rule, step, latest), now);
        }));
    }

    private Condition offline(Instant last, Instant now) {
        return DeviceHealth.offline(sensor(), rules.reporting(), last, lastLevel, now);
    }

    private Target target(RuleCode rule) {
        return new Target(owner(sensor()), sensor().id().value(), rule, sensor().municipality(), Optional.empty());
    }

    private Target upstreamTarget(UpstreamSubscription subscription) {
        return new Target(
                owner(sensor()),
                subscription.downstream().value() + ":" + sensor().id().value(),
                RuleCode.UPSTREAM,
                subscription.downstream(),
                Optional.empty());
    }
}
