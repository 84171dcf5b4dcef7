package org.kawamori.deploy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.kawamori.core.Detection;
import org.kawamori.core.Reading;
import org.kawamori.core.port.HealthIndicator;
import org.kawamori.core.port.InboundPipeline;
import org.kawamori.deploy.alerts.AlertService;
import org.kawamori.deploy.alerts.AlertWiring;
import org.kawamori.deploy.alerts.FamilyReaders;
import org.kawamori.deploy.alerts.FamilyWatchService;
import org.kawamori.deploy.alerts.NotifierRelay;
import org.kawamori.deploy.alerts.NotifyWiring;
import org.kawamori.deploy.alerts.RuleBookStages;
import org.kawamori.deploy.alerts.SearchService;
import org.kawamori.ingest.broker.EmbeddedBroker;
import org.kawamori.ingest.broker.EmbeddedBrokerConfig;
import org.kawamori.ingest.https.GatewayHttpsConfig;
import org.kawamori.ingest.https.GatewayHttpsServer;
import org.kawamori.ingest.mqtt.MqttIngestClient;
import org.kawamori.ingest.mqtt.MqttIngestConfig;
import org.kawamori.ingest.mqtt.MqttIngestHealth;
import org.kawamori.mapweb.AdminAuth;
import org.kawamori.mapweb.MapWebServer;
import org.kawamori.mapweb.WebConfig;
import org.kawamori.notify.NoticeJson;
import org.kawamori.notify.mqtt.NoticeTopics;
import org.kawamori.routing.DetectionPorts;
import org.kawamori.routing.RoutesHealth;
import org.kawamori.routing.RoutingConfig;
import org.kawamori.routing.RoutingModule;
import org.kawamori.simulators.BasinScenario;
import org.kawamori.simulators.GaugeSimulator;
import org.kawamori.simulators.SimulatedGauge;
import org.kawamori.simulators.SimulatorConfig;
import org.kawamori.timeseries.BatchedWriter;
import org.kawamori.timeseries.Database;
import org.kawamori.timeseries.DatabaseConfig;
import org.kawamori.timeseries.DatabaseHealth;
import org.kawamori.timeseries.EmbeddedDatabase;
import org.kawamori.timeseries.FamilyRegistry;
import org.kawamori.timeseries.Maintenance;
import org.kawamori.timeseries.PostgresAlertQueries;
import org.kawamori.timeseries.PostgresAlertRules;
import org.kawamori.timeseries.PostgresDeadLetterStore;
import org.kawamori.timeseries.PostgresDevicePsks;
import org.kawamori.timeseries.PostgresFamilyLinks;
import org.kawamori.timeseries.PostgresFamilyTags;
import org.kawamori.timeseries.PostgresGatewayRegistry;
import org.kawamori.timeseries.PostgresReadingStore;
import org.kawamori.timeseries.PostgresSensorRegistry;
import org.kawamori.timeseries.PskSealer;
import org.kawamori.timeseries.RetentionConfig;
import org.kawamori.timeseries.StorageMode;
import org.kawamori.timeseries.TimescaleFeatures;
import org.kawamori.timeseries.WriterConfig;
import org.kawamori.timeseries.WriterPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every module with its typed configuration and wires them through the
 * core ports. Start order follows the data: store, broker, alert rules and channels, routes,
 * transports, web, simulators; stop order is the reverse, so in-flight messages find their store
 * still there.
 *
 * <pre>
 *  MQTT broker ─► MqttIngestClient ─┐       (sensor uplinks and gateway detection batches)
 *  CoAP ────────► CoapIngestServer ─┤
 *  HTTPS ───────► GatewayHttpsServer┴─► InboundPipeline (RoutingModule, Camel)
 *                                        ├─► BatchedWriter (readings, detections: shared COPY transactions)
 *                                        ├─► PostgresDeadLetterStore
 *                                        └─► listener lanes ─► MapWebServer.liveFeed() ─► SSE ─► map page
 *                                                          └─► AlertService (AlertWiring) ─► outbox ─►
 *                                                              webhook, MQTT, SSE, mail
 * </pre>
 */
public final class KawamoriApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KawamoriApp.class);

    private final AppConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Endpoints endpoints;
    private Database database;
    private Registries registries;
    private Optional<PostgresDevicePsks> devicePsks = Optional.empty();
    private PostgresDeadLetterStore deadLetters;
    private CamelContext camel;
    private RoutingModule routing;
    private EmbeddedBroker embeddedBroker;
    private KawamoriMetrics metrics;
    private AlertService alerts;

    private final Stopping stopping = new Stopping();
    private Duration shutdownGrace = Duration.ZERO;

    private KawamoriApp(AppConfig config) {
        this.config = config;
    }

    /** Starts a Kawamori; on any failure, what was started is stopped again and the failure is thrown. */
    public static KawamoriApp start(AppConfig config) throws Exception {
        KawamoriApp app = new KawamoriApp(config);
        try {
            app.startAll();
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        // read now: a malformed value stops the start, not the shutdown
        shutdownGrace = config.settings().shutdownGrace();
        DatabaseConfig dbConfig = startDatabase();
        database = remember(new Database(dbConfig));
        // TimescaleDB features when the extension is there; otherwise rollups and retention by the app
        StorageMode mode = TimescaleFeatures.applyTo(database, RetentionConfig.defaults());
        remember(new Maintenance(database.dataSource(), mode, RetentionConfig.defaults()).start());
        // the hot paths look devices and tags up in memory, emptied on every committed registry change
        registries = remember(Registries.open(database.dataSource(), dbConfig));
        PostgresSensorRegistry registry = registries.sensors();
        PostgresGatewayRegistry gateways = registries.gateways();
        PostgresReadingStore readings = new PostgresReadingStore(database.dataSource());
        // messages of all transports share transactions; closed before the database (started stack)
        BatchedWriter<Reading> readingWriter =
                remember(BatchedWriter.readings(database.dataSource(), WriterConfig.defaults()));
        BatchedWriter<Detection> detectionWriter =
                remember(BatchedWriter.detections(database.dataSource(), WriterConfig.defaults()));
        deadLetters = new PostgresDeadLetterStore(database.dataSource());
        // DTLS keys are sealed under a master key held outside the database; without one, no DTLS
        devicePsks = config.pskMasterKey()
                .map(key -> new PostgresDevicePsks(database.dataSource(), PskSealer.fromBase64(key)));
        List<SimulatedGauge> simulated = config.simulators() ? BasinScenario.kakogawaDemo() : List.of();
        registries.registerDemo(config.demoDevices(), simulated, devicePsks);
        Optional<String> demoFamilyLink = config.demoDevices()
                ? Optional.of(DemoAccounts.register(database.dataSource(), clock))
                : Optional.empty();

        String mqttUrl = startBroker();
        MqttIngestConfig mqtt = mqttIngestConfig(mqttUrl);

        // the alert rules before routing: they listen to what routing commits; the map's SSE channel
        // is attached once the web server exists
        NotifierRelay sse = new NotifierRelay(NotifyWiring.MAP_SSE);
        NotifierRelay officersSse = new NotifierRelay(NotifyWiring.OFFICERS_SSE);
        AlertWiring alertWiring = remember(AlertWiring.start(
                config.settings(),
                database.dataSource(),
                mqttUrl,
                brokerLogin(),
                config.ingestClientId(),
                List.of(sse, officersSse),
                readings,
                registries.cachedSensors(),
                registries.cachedGateways(),
                clock));
        alerts = alertWiring.service();

        // routing first: the transports hand their messages to its pipeline; the map's live feed is
        // attached once the web server exists
        LiveFeedRelay liveFeed = new LiveFeedRelay();
        camel = RoutingModule.newContext();
        routing = new RoutingModule(
                RoutingConfig.defaults(),
                registries.cachedSensors(),
                WriterPorts.readingStore(readingWriter),
                new DetectionPorts(
                        registries.cachedGateways(),
                        registries.cachedTags(),
                        WriterPorts.detectionSink(detectionWriter),
                        List.of(alerts.sightings())),
                deadLetters,
                List.of(liveFeed, alerts.readings()),
                clock);
        started.push(routing);
        routing.addTo(camel);
        camel.start();
        started.push(camel::stop);
        InboundPipeline pipeline = routing.pipeline(camel);

        MqttIngestClient mqttIngest = remember(new MqttIngestClient(mqtt, pipeline, clock));
        List<HealthIndicator> health = List.of(
                stopping,
                new DatabaseHealth(database.dataSource()),
                readingWriter.health(),
                detectionWriter.health(),
                new MqttIngestHealth(mqttIngest),
                new RoutesHealth(camel));
        MapWebServer web =
                new MapWebServer(new WebConfig(config.host(), config.httpPort()), registry, readings, health);
        AdminWiring.attach(
                web,
                database.dataSource(),
                registries.changes(),
                config.pskMasterKey(),
                config.settings().lookup());
        AccessWiring.attach(web, database.dataSource(), config.settings().access());
        PostgresFamilyTags familyTags = new PostgresFamilyTags(database.dataSource());
        web.withFamily(
                familyTags,
                new FamilyWatchService(alerts, new PostgresAlertRules(database.dataSource()), familyTags, gateways),
                new PostgresFamilyLinks(database.dataSource()));
        // the admin token acts as an administrator on every API (officers log in); without one, only
        // logins see more than the public
        AdminAuth alertAuth = AdminWiring.auth(config.settings().lookup()).orElse(token -> Optional.empty());
        web.withAlerts(new PostgresAlertQueries(database.dataSource()), alerts.commands(), alertAuth)
                .withAlertSettings(alerts.ruleAdmin(), alertAuth)
                .withStages(new RuleBookStages(alerts.ruleAdmin()));
        web.withOfficers(SearchService.of(alerts), new PostgresAlertQueries(database.dataSource()));
        // the prefecture's data platforms: public gauges, devices and flood alerts as Smart Data Models
        web.withStandardView(new PostgresAlertQueries(database.dataSource()));
        sse.attach(web.noticeChannel(NoticeJson::string));
        officersSse.attach(web.officerNoticeChannel(NoticeJson::string));
        metrics = new KawamoriMetrics()
                .ingest(routing.counters())
                .alerts(alerts.counters())
                .channels(alertWiring.dispatcher())
                .registryCaches(registries.changes())
                .writer("readings", readingWriter)
                .writer("detections", detectionWriter)
                .mqtt(mqttIngest)
                .gauge("kawamori.sse.clients", "open live streams of the map", web::liveClientCount)
                .gauge(
                        "kawamori.sse.officer.clients",
                        "open live streams of the officers' console",
                        web::officerClientCount)
                .gauge(
                        "kawamori.listeners.pending",
                        "committed messages whose live map and alert rules have not run yet",
                        routing::listenersPending);
        web.withMetrics(metrics);
        liveFeed.attach(web.liveFeed());
        alerts.start(config.settings().alertTick());
        alerts.followRuleChanges(registries.changes()::onChange);
        mqttIngest.start();

        CoapEndpoints coap = CoapEndpoints.start(config, devicePsks, pipeline, clock);
        coap.server().ifPresent(this::remember);

        GatewayHttpsServer gatewayHttps =
                remember(new GatewayHttpsServer(gatewayHttpsConfig(), pipeline, gateways, clock));
        int gatewayHttpsPort = gatewayHttps.start();

        int httpPort = web.start();
        started.push(web);

        String coapUri = coap.uri();
        if (!simulated.isEmpty()) {
            GaugeSimulator simulator =
                    remember(new GaugeSimulator(SimulatorConfig.of(mqttUrl, coapUri), simulated, clock));
            simulator.start();
        }
        endpoints = new Endpoints(
                "http://" + config.host() + ":" + httpPort + "/",
                mqttUrl,
                embeddedBroker != null,
                coapUri,
                coap.secureUri(),
                "https://" + config.host() + ":" + gatewayHttpsPort,
                describe(config.database()),
                demoFamilyLink);
    }

    private GatewayHttpsConfig gatewayHttpsConfig() {
        GatewayHttpsConfig https = GatewayHttpsConfig.of(config.host(), config.gatewayHttpsPort());
        return config.settings().httpsCertificate().map(https::withCertificate).orElse(https);
    }

    /** How the app itself logs in at its broker: the embedded broker's service account, or the configured user. */
    private Optional<String[]> brokerLogin() {
        if (embeddedBroker != null) {
            return Optional.of(new String[] {
                embeddedBroker.serviceAccount().username(),
                embeddedBroker.serviceAccount().secret()
            });
        }
        AppConfig.Broker.External external = (AppConfig.Broker.External) config.broker();
        return external.user().map(u -> new String[] {u, external.password().orElse("")});
    }

    private DatabaseConfig startDatabase() throws Exception {
        if (config.database() instanceof AppConfig.Database.Embedded embedded) {
            EmbeddedDatabase db = remember(EmbeddedDatabase.start(embedded.dataDirectory()));
            return db.config();
        }
        return DatabaseConfig.fromJdbcUrl(((AppConfig.Database.External) config.database()).jdbcUrl());
    }

    private String startBroker() throws Exception {
        if (config.broker() instanceof AppConfig.Broker.Embedded embedded) {
            embeddedBroker = remember(new EmbeddedBroker(
                    EmbeddedBrokerConfig.of(config.host(), embedded.port(), embedded.dataDirectory()),
                    registries.sensors(),
                    registries.sensors(),
                    registries.gateways(),
                    registries.gateways(),
                    new FamilyReaders(new FamilyRegistry(database.dataSource()), NoticeTopics.DEFAULT)));
            embeddedBroker.start();
            return embeddedBroker.url();
        }
        return ((AppConfig.Broker.External) config.broker()).url();
    }

    private MqttIngestConfig mqttIngestConfig(String url) {
        MqttIngestConfig mqtt = MqttIngestConfig.of(url)
                .withClientId(config.ingestClientId())
                .withSessionExpiry(config.ingestSessionExpiry());
        if (config.broker() instanceof AppConfig.Broker.External external
                && external.sharedGroup().isPresent()) {
            mqtt = mqtt.withSharedGroup(external.sharedGroup().get());
        }
        Optional<String[]> login = brokerLogin();
        return login.isPresent() ? mqtt.withCredentials(login.get()[0], login.get()[1]) : mqtt;
    }

    private static String describe(AppConfig.Database database) {
        if (database instanceof AppConfig.Database.Embedded e) {
            return "embedded PostgreSQL, data in " + e.dataDirectory().toAbsolutePath();
        }
        return Secrets.maskUrl(((AppConfig.Database.External) database).jdbcUrl());
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.push(resource);
        return resource;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** For tests and operators: the dead-letter of refused messages. */
    public PostgresDeadLetterStore deadLetters() {
        return deadLetters;
    }

    public RoutingModule routing() {
        return routing;
    }

    /** The alert rules of this instance. */
    AlertService alerts() {
        return alerts;
    }

    /** The metrics served at {@code /metrics}. */
    KawamoriMetrics metrics() {
        return metrics;
    }

    /** For tests: the database this instance writes to (registering devices, reading detections back). */
    javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    /** The embedded broker, if this instance runs one (tests stop it to see health go down). */
    Optional<EmbeddedBroker> embeddedBroker() {
        return Optional.ofNullable(embeddedBroker);
    }

    /**
     * Stops in the reverse order of the start: readiness goes DOWN first (and stays so for the
     * shutdown grace), then the web and the transports stop taking new work, the MQTT ingest waits for
     * the messages in flight to be committed and acknowledged, the writers drain, and the broker and
     * database connections close last.
     */
    @Override
    public void close() {
        if (stopping.begin()) {
            if (!shutdownGrace.isZero() && !started.isEmpty()) {
                Duration grace = shutdownGrace;
                LOG.info("not ready any more; stopping in {}", grace);
                try {
                    Thread.sleep(grace.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
