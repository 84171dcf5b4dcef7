package org.kawamori.deploy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.port.MetricsExposition;
import org.kawamori.deploy.alerts.AlertCounters;
import org.kawamori.ingest.mqtt.MqttIngestClient;
import org.kawamori.notify.ChannelCounters;
import org.kawamori.notify.NoticeDispatcher;
import org.kawamori.routing.IngestCounters;
import org.kawamori.timeseries.BatchedWriter;
import org.kawamori.timeseries.RegistryCache;
import org.kawamori.timeseries.RegistryChanges;
import org.kawamori.timeseries.WriterStats;

/**
 * The metrics of one Kawamori, in a Prometheus registry served at {@code /metrics}. The modules keep
 * plain counters (no metrics library in them); this class reads them when scraped.
 *
 * <pre>
 *  kawamori_ingest_messages_total{kind=readings|batches}   accepted messages
 *  kawamori_ingest_rows_total{kind, fresh=true|false}       readings/detections committed (new or redelivered)
 *  kawamori_ingest_rejected_total{reason=…}                 refused messages, by reason code (= dead-letter rows)
 *  kawamori_ingest_beacons_ignored_total                    beacons that are no registered tag
 *  kawamori_writer_queued_rows{writer}                      rows waiting for the database
 *  kawamori_writer_batches_total, _rows_total, _failed_attempts_total, _refused_total, _expired_total,
 *  kawamori_writer_queue_full_total{writer}
 *  kawamori_writer_lag_seconds{writer}                      wait of the oldest message not committed yet
 *  kawamori_alerts_transitions_total{rule, transition}      alerts opened, escalated, cleared … by rule
 *  kawamori_alerts_notices_total                            notices handed to the channels
 *  kawamori_alerts_evaluation_failures_total                evaluations that failed (evaluated again later)
 *  kawamori_notify_{delivered,failed,dead_lettered,skipped}_total{channel}, kawamori_notify_pending{channel}
 *  kawamori_registry_cache_{hits,misses}_total{table}, kawamori_registry_cache_entries{table}
 *  kawamori_registry_listening                              1 while registry change notifications are heard
 *  kawamori_registry_notifications_total                    change notifications heard and applied
 *  kawamori_mqtt_in_flight                                  MQTT messages being processed
 *  kawamori_sse_clients                                     open live streams of the map
 *  kawamori_listeners_pending                               committed messages whose rules have not run yet
 *  jvm_*, process_*, system_*                               the JVM
 * </pre>
 */
final class KawamoriMetrics implements MetricsExposition {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Micrometer holds what it reads weakly: the sources stay reachable from here as long as the app. */
    private final List<Object> sources = new ArrayList<>();

    KawamoriMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    KawamoriMetrics ingest(IngestCounters counters) {
        sources.add(counters);
        counter("kawamori.ingest.messages", "accepted messages", counters, IngestCounters::acceptedMessages)
                .tag("kind", "readings")
                .register(registry);
        counter("kawamori.ingest.messages", "accepted messages", counters, IngestCounters::acceptedBatches)
                .tag("kind", "batches")
                .register(registry);
        rows("readings", "true", counters, IngestCounters::newRows);
        rows("readings", "false", counters, c -> c.readings() - c.newRows());
        rows("detections", "true", counters, IngestCounters::newDetections);
        rows("detections", "false", counters, c -> c.detections() - c.newDetections());
        for (RejectionReason reason : RejectionReason.values()) {
            counter(
                            "kawamori.ingest.rejected",
                            "refused messages (each is in the dead-letter)",
                            counters,
                            c -> c.rejected(reason))
                    .tag("reason", reason.code())
                    .register(registry);
        }
        counter(
                        "kawamori.ingest.beacons.ignored",
                        "heard beacons that are no registered, enabled tag",
                        counters,
                        IngestCounters::beaconsIgnored)
                .register(registry);
        return this;
    }

    private void rows(String kind, String fresh, IngestCounters counters, ToDoubleFunction<IngestCounters> f) {
        counter("kawamori.ingest.rows", "rows committed", counters, f)
                .tag("kind", kind)
                .tag("fresh", fresh)
                .register(registry);
    }

    KawamoriMetrics writer(String name, BatchedWriter<?> writer) {
        Supplier<WriterStats> stats = writer::stats;
        sources.add(stats);
        Gauge.builder("kawamori.writer.queued.rows", stats, s -> s.get().queuedRows())
                .description("rows waiting for the database")
                .tag("writer", name)
                .register(registry);
        writerCounter(name, "batches", "transactions committed", stats, WriterStats::batches);
        writerCounter(name, "rows", "rows committed", stats, WriterStats::rows);
        writerCounter(
                name,
                "failed.attempts",
                "writes that failed with the database unavailable",
                stats,
                WriterStats::failedAttempts);
        writerCounter(name, "refused", "messages the database refused", stats, WriterStats::refused);
        writerCounter(name, "expired", "messages that waited past the commit timeout", stats, WriterStats::expired);
        writerCounter(name, "queue.full", "submissions turned away by a full queue", stats, WriterStats::queueFull);
        Gauge.builder("kawamori.writer.lag", stats, s -> s.get().lag().toNanos() / 1e9)
                .description("how long the oldest message not committed yet has waited")
                .baseUnit("seconds")
                .tag("writer", name)
                .register(registry);
        return this;
    }

    KawamoriMetrics alerts(AlertCounters counters) {
        sources.add(counters);
        counter("kawamori.alerts.notices", "notices handed to the channels", counters, AlertCounters::notices)
                .register(registry);
        counter(
                        "kawamori.alerts.evaluation.failures",
                        "alert evaluations that failed (the input is evaluated again later)",
                        counters,
                        AlertCounters::failures)
                .register(registry);
        // a kind of transition gets its counter when it first happens: the kinds are not known up front
        counters.onEachKind(kind -> counter(
                        "kawamori.alerts.transitions",
                        "alert transitions by rule and kind",
                        counters,
                        c -> c.transitions(kind))
                .tag("rule", kind.rule())
                .tag("transition", kind.transition())
                .register(registry));
        return this;
    }

    KawamoriMetrics channels(NoticeDispatcher dispatcher) {
        sources.add(dispatcher);
        for (String channel : dispatcher.channels()) {
            ChannelCounters c = dispatcher.counters(channel);
            channelCounter(channel, "delivered", "notices delivered", c, ChannelCounters::delivered);
            channelCounter(channel, "failed", "failed delivery attempts", c, ChannelCounters::failed);
            channelCounter(channel, "dead.lettered", "notices given up on", c, ChannelCounters::deadLettered);
            channelCounter(channel, "skipped", "notices with nobody to send to", c, ChannelCounters::skipped);
            Gauge.builder("kawamori.notify.pending", c, ChannelCounters::pending)
                    .description("notices queued, being delivered or waiting for a retry")
                    .tag("channel", channel)
                    .register(registry);
        }
        return this;
    }

    private void channelCounter(
            String channel, String what, String description, ChannelCounters c, ToDoubleFunction<ChannelCounters> f) {
        counter("kawamori.notify." + what, description, c, f)
                .tag("channel", channel)
                .register(registry);
    }

    KawamoriMetrics registryCaches(RegistryChanges changes) {
        sources.add(changes);
        Gauge.builder("kawamori.registry.listening", changes, c -> c.listening() ? 1 : 0)
                .description("1 while registry change notifications are heard (the caches are used)")
                .register(registry);
        counter(
                        "kawamori.registry.notifications",
                        "change notifications heard (registry tables, alert settings, watch rules), each applied",
                        changes,
                        RegistryChanges::heard)
                .register(registry);
        for (RegistryCache<?, ?> cache : changes.caches()) {
            counter("kawamori.registry.cache.hits", "registry lookups answered from memory", cache, RegistryCache::hits)
                    .tag("table", cache.table())
                    .register(registry);
            counter(
                            "kawamori.registry.cache.misses",
                            "registry lookups that went to the database",
                            cache,
                            RegistryCache::misses)
                    .tag("table", cache.table())
                    .register(registry);
            Gauge.builder("kawamori.registry.cache.entries", cache, RegistryCache::size)
                    .tag("table", cache.table())
                    .register(registry);
        }
        return this;
    }

    private void writerCounter(
            String writer,
            String what,
            String description,
            Supplier<WriterStats> stats,
            ToDoubleFunction<WriterStats> f) {
        FunctionCounter.builder("kawamori.writer." + what, stats, s -> f.applyAsDouble(s.get()))
                .description(description)
                .tag("writer", writer)
                .register(registry);
    }

    KawamoriMetrics mqtt(MqttIngestClient client) {
        sources.add(client);
        Gauge.builder("kawamori.mqtt.in.flight", client, MqttIngestClient::inFlight)
                .description("MQTT messages being processed")
                .register(registry);
        return this;
    }

    KawamoriMetrics gauge(String name, String description, Supplier<Number> value) {
        sources.add(value);
        Gauge.builder(name, value, v -> v.get().doubleValue())
                .description(description)
                .register(registry);
        return this;
    }

    private static <T> FunctionCounter.Builder<T> counter(
            String name, String description, T source, ToDoubleFunction<T> f) {
        return FunctionCounter.builder(name, source, f).description(description);
    }

    MeterRegistry registry() {
        return registry;
    }

    @Override
    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }
}
