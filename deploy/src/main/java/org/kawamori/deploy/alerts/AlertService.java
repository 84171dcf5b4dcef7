package org.kawamori.deploy.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.kawamori.alerting.AlertEngine;
import org.kawamori.alerting.Evaluation;
import org.kawamori.alerting.rules.RuleBook;
import org.kawamori.alerting.rules.RuleCheck;
import org.kawamori.alerting.rules.Settings;
import org.kawamori.alerting.rules.StoredRules;
import org.kawamori.alerting.rules.WatchRules;
import org.kawamori.core.alert.AlertCommands;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertRuleAdmin;
import org.kawamori.core.alert.AlertRuleStore;
import org.kawamori.core.alert.AlertStore;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.NoticeOutbox;
import org.kawamori.core.alert.SearchAudit;
import org.kawamori.core.port.GatewayRegistry;
import org.kawamori.core.port.ReadingListener;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.SightingListener;
import org.kawamori.core.port.SightingQueries;
import org.kawamori.notify.NoticeDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rules inside the running app.
 *
 * <pre>
 *  routing: committed readings ─► readings() ─┐   (a routing worker, each sensor in order)
 *  SightingFolder: sightings ───► sightings() ─┤
 *  ticker (every tickInterval) ─► tick(now) ───┼─► AlertEngine ─► AlertStore.record: alert rows,
 *  API: acknowledge ────────────► commands() ──┘                   history, notice outbox (one tx)
 *                                                    │ Evaluation (its notices, already recorded)
 *                                                    ▼
 *                                  NoticeDispatcher.publish ─► webhook, MQTT, SSE, mail (each its own worker)
 *                                  outbox.markPublished
 *  start: outbox.unpublished() ─► published again (a crash between record and publish loses nothing)
 * </pre>
 *
 * A failed evaluation (the database down) changes neither the store nor the engine: the next reading
 * of that sensor, or the next tick, evaluates again from the same state.
 */
public final class AlertService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    private static final int OUTBOX_BATCH = 500;

    private final AlertEngine engine;
    private final Settings base;
    private final AlertRuleStore ruleStore;
    private final SensorRegistry sensors;
    private final GatewayRegistry gateways;
    private final NoticeOutbox outbox;
    private final Supplier<NoticeDispatcher> dispatcher;
    private final Clock clock;
    private final AlertCounters counters = new AlertCounters();
    private final Object rulesLock = new Object();
    /** The rule book in force; replaced under {@link #rulesLock}. */
    private RuleBook current;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kawamori-alert-tick");
        t.setDaemon(true);
        return t;
    });

    private AlertService(
            RuleBook book,
            AlertEngine engine,
            Settings base,
            AlertRuleStore ruleStore,
            SensorRegistry sensors,
            GatewayRegistry gateways,
            NoticeOutbox outbox,
            Supplier<NoticeDispatcher> dispatcher,
            Clock clock) {
        this.current = book;
        this.engine = engine;
        this.base = base;
        this.ruleStore = ruleStore;
        this.sensors = sensors;
        this.gateways = gateways;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** What the service needs from the store and the registry. */
    public record Stores(
            AlertStore alerts,
            NoticeOutbox outbox,
            SearchAudit audit,
            AlertRuleStore rules,
            ReadingQueries readings,
            SightingQueries sightings,
            SensorRegistry sensors,
            GatewayRegistry gateways) {}

    /**
     * Builds the rule book from the stored rules and restores the engine from the stored alerts.
     * Nothing is published until {@link #start}.
     *
     * @param base the shipped defaults, or a deployment's settings file over them
     * @param dispatcher the channels; asked for only when notices are published (the web server's SSE
     *     channel is attached later)
     */
    public static AlertService restore(
            Settings base, Stores stores, Supplier<NoticeDispatcher> dispatcher, Clock clock) {
        RuleBook book = book(base, stores.rules(), stores.gateways())
                .alsoWatching(LostModeWatches.of(stores.alerts().activeAlerts()));
        AlertEngine engine = AlertEngine.restore(
                book, stores.alerts(), stores.audit(), stores.readings(), stores.sightings(), clock.instant());
        LOG.info(
                "alert engine restored: {} active alert(s)",
                engine.activeAlerts().size());
        return new AlertService(
                book,
                engine,
                base,
                stores.rules(),
                stores.sensors(),
                stores.gateways(),
                stores.outbox(),
                dispatcher,
                clock);
    }

    private static RuleBook book(Settings base, AlertRuleStore rules, GatewayRegistry gateways) {
        return StoredRules.book(
                base,
                rules.settings(),
                rules.watchRules(),
                gateways::findGateway,
                problem -> LOG.warn("{}; left out", problem));
    }

    /** Publishes what a crash left in the outbox, then evaluates the clock every {@code tickInterval}. */
    public AlertService start(Duration tickInterval) {
        publishOutbox();
        ticker.scheduleWithFixedDelay(
                () -> evaluate("tick", () -> engine.tick(clock.instant())),
                tickInterval.toMillis(),
                tickInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Committed readings go through the rules (called on a routing worker, in each sensor's order). */
    public ReadingListener readings() {
        return (sensor, readings) -> evaluate("sensor " + sensor.id(), () -> engine.onReadings(sensor, readings));
    }

    /** Folded tag sightings go through the families' rules. Tag ids are never logged. */
    public SightingListener sightings() {
        return sighting -> evaluate("a tag sighting", () -> engine.onSighting(sighting));
    }

    public AlertCommands commands() {
        return (alertId, by, at) -> {
            Evaluation e = engine.acknowledge(alertId, by, at);
            publish(e.notices());
            Optional<AlertRecord> changed = e.changes().stream()
                    .filter(c -> c.alertId() == alertId)
                    .map(c -> c.after())
                    .reduce((first, second) -> second);
            return changed.or(() -> engine.activeAlerts().stream()
                    .filter(a -> a.id() == alertId)
                    .findFirst());
        };
    }

    /** Editing the settings: checked against every registered station, stored, and in effect at once. */
    public AlertRuleAdmin ruleAdmin() {
        return new AlertRuleAdmin() {
            @Override
            public Map<String, String> defaults() {
                return base.asMap();
            }

            @Override
            public Map<String, String> stored() {
                return ruleStore.settings();
            }

            @Override
            public void update(Map<String, String> put, Set<String> remove, String by) {
                Map<String, String> candidate = new TreeMap<>(ruleStore.settings());
                candidate.keySet().removeAll(remove);
                candidate.putAll(put);
                Map<String, String> problems = RuleCheck.problems(base, candidate, sensors.sensors());
                if (!problems.isEmpty()) {
                    throw new InvalidRuleException(problems);
                }
                ruleStore.updateSettings(put, remove, by, clock.instant());
                reloadRules();
                LOG.info("alert settings changed by {}: {} set, {} removed", by, put.keySet(), remove);
            }
        };
    }

    /**
     * Reads the rules again whenever a change to the alert settings or to the watch rules is
     * committed, by this instance or another one on the same database: an edit answered by one
     * instance is in force on all of them within a moment.
     *
     * @param onChange how to be told of a committed change to a table ({@code RegistryChanges::onChange})
     */
    public void followRuleChanges(BiConsumer<String, Runnable> onChange) {
        for (String table : List.of("alert_setting", "watch_rule")) {
            onChange.accept(table, () -> {
                reloadRules();
                LOG.debug("alert rules read again after a change of {}", table);
            });
        }
    }

    /**
     * Reads the stored rules again (after an edit, or a family's watch rules changed). Tags with an
     * active alert stay watched without rules of their own, so that a search (lost mode) can be ended
     * and an open pass ends.
     */
    public void reloadRules() {
        synchronized (rulesLock) {
            current = book(base, ruleStore, gateways).alsoWatching(LostModeWatches.of(engine.activeAlerts()));
            engine.replaceRules(current);
        }
    }

    /** The settings in force (the base with the stored ones over it), as the engine reads watch rules. */
    public Settings settings() {
        synchronized (rulesLock) {
            return current.settings();
        }
    }

    /**
     * A family's lost-mode change ({@code engine.declareLost}, {@code engine.endLost}) under the rules'
     * lock, with the tag watched even when it has no watch rule of its own; its notices are published.
     */
    public Evaluation lostMode(WatchRules tag, Function<AlertEngine, Evaluation> change) {
        Evaluation e;
        synchronized (rulesLock) {
            current = current.alsoWatching(List.of(tag));
            engine.replaceRules(current);
            e = change.apply(engine);
        }
        publish(e.notices());
        return e;
    }

    /** The engine, for the officers' audited reads of a declared search. */
    public AlertEngine engine() {
        return engine;
    }

    private void evaluate(String what, Supplier<Evaluation> evaluation) {
        try {
            Evaluation done = evaluation.get();
            done.changes().forEach(counters::count);
            publish(done.notices());
        } catch (RuntimeException e) {
            // the engine and the store are as before: the next input evaluates again
            counters.failed();
            LOG.warn("alert evaluation of {} failed: {}", what, e.toString());
        }
    }

    private void publish(List<Notice> notices) {
        if (notices.isEmpty()) {
            return;
        }
        NoticeDispatcher channels = dispatcher.get();
        notices.forEach(channels::publish);
        counters.published(notices.size());
        try {
            outbox.markPublished(notices);
        } catch (RuntimeException e) {
            // published but not marked: on the next start they go out again, and receivers drop repeats
            LOG.warn("could not mark {} notice(s) as published: {}", notices.size(), e.toString());
        }
    }

    private void publishOutbox() {
        List<Notice> left;
        int total = 0;
        while (!(left = outbox.unpublished(OUTBOX_BATCH)).isEmpty()) {
            publish(left);
            total += left.size();
            if (left.size() < OUTBOX_BATCH) {
                break;
            }
        }
        if (total > 0) {
            LOG.info("published {} notice(s) recorded before the last stop", total);
        }
    }

    /** What the rules did since the start (for the metrics). */
    public AlertCounters counters() {
        return counters;
    }

    /** Stops the clock; the dispatcher is closed by its owner. */
    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** For tests: evaluates the clock now instead of waiting for the ticker. */
    void tickNow(Instant now) {
        evaluate("tick", () -> engine.tick(now));
    }
}
