package org.kawamori.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.kawamori.deploy.fixtures.LocalPostgres;

/**
 * A whole Kawamori for a test, set up in prose: {@code
 * givenKawamori().withEmbeddedBroker().withLocalPostgres().withSimulators().start()}. Closing it stops
 * the app and drops its database.
 */
final class RunningKawamori implements AutoCloseable {

    private final KawamoriApp app;
    private final LocalPostgres postgres;

    private RunningKawamori(KawamoriApp app, LocalPostgres postgres) {
        this.app = app;
        this.postgres = postgres;
    }

    static Builder givenKawamori() {
        return new Builder();
    }

    KawamoriApp app() {
        return app;
    }

    /** The JDBC URL of this instance's database on the local PostgreSQL. */
    String databaseUrl() {
        if (postgres == null) {
            throw new IllegalStateException("this instance owns no local PostgreSQL database");
        }
        return postgres.jdbcUrl();
    }

    Endpoints endpoints() {
        return app.endpoints();
    }

    @Override
    public void close() throws Exception {
        app.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Chooses the parts; by default the embedded broker and a fresh database on the local PostgreSQL. */
    static final class Builder {
        private boolean embeddedBroker = true;
        private boolean embeddedPostgres;
        private boolean simulators;
        private String sharedGroup;
        private String databaseOf;
        private String pskMasterKey = org.kawamori.timeseries.PskSealer.newMasterKey();
        private final java.util.Map<String, String> settings = new java.util.HashMap<>();

        Builder withEmbeddedBroker() {
            embeddedBroker = true;
            return this;
        }

        /** The machine's Mosquitto on 127.0.0.1:1883 as an external broker. */
        Builder withMosquitto() {
            embeddedBroker = false;
            return this;
        }

        Builder withEmbeddedPostgres() {
            embeddedPostgres = true;
            return this;
        }

        Builder withLocalPostgres() {
            embeddedPostgres = false;
            return this;
        }

        /** Subscribes in an MQTT 5 shared subscription group (external broker only). */
        Builder inSharedSubscriptionGroup(String group) {
            sharedGroup = group;
            return this;
        }

        /** Uses the database of another running instance instead of a fresh one (it stays owned there). */
        Builder withTheDatabaseOf(RunningKawamori other) {
            databaseOf = other.databaseUrl();
            embeddedPostgres = false;
            return this;
        }

        /** The master key that seals the DTLS keys (KAWAMORI_PSK_MASTER_KEY); a random one by default. */
        Builder withPskMasterKey(String key) {
            pskMasterKey = key;
            return this;
        }

        /** A setting that is otherwise read from the environment ({@link AppSettings}), or a {@code notify.*} key. */
        Builder withSetting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** The notify settings of an officers' webhook of one municipality, delivered to {@code receiver}. */
        Builder withOfficersWebhook(String municipality, org.kawamori.deploy.fixtures.WebhookReceiver receiver) {
            String prefix = "notify.webhook.subscriber.officers-" + municipality + ".";
            withSetting(prefix + "audience", "officers:" + municipality);
            withSetting(prefix + "url", receiver.url());
            return withSetting(prefix + "secret", receiver.secret());
        }

        Builder withSimulators() {
            simulators = true;
            return this;
        }

        RunningKawamori start() throws Exception {
            Path data = Files.createTempDirectory("kawamori-test");
            AppConfig.Broker broker = embeddedBroker
                    ? new AppConfig.Broker.Embedded(
                            PortChoice.tcp("127.0.0.1", Optional.of(0), 0, "--mqtt-port"), data.resolve("broker"))
                    : new AppConfig.Broker.External(
                            "tcp://127.0.0.1:1883",
                            Optional.empty(),
                            Optional.empty(),
                            Optional.ofNullable(sharedGroup));
            LocalPostgres postgres = embeddedPostgres || databaseOf != null ? null : new LocalPostgres();
            AppConfig.Database database = embeddedPostgres
                    ? new AppConfig.Database.Embedded(data.resolve("postgres"))
                    : new AppConfig.Database.External(databaseOf != null ? databaseOf : postgres.jdbcUrl());
            AppConfig config = new AppConfig(
                    "127.0.0.1",
                    0,
                    0,
                    0,
                    0,
                    Optional.of(pskMasterKey),
                    broker,
                    database,
                    simulators,
                    true,
                    "test-ingest-" + System.nanoTime(),
                    // the machine's Mosquitto outlives the test: leave no session queueing for long
                    Duration.ofMinutes(2),
                    AppSettings.of(settings));
            try {
                return new RunningKawamori(KawamoriApp.start(config), postgres);
            } catch (Exception e) {
                if (postgres != null) {
                    postgres.close();
                }
                throw e;
            }
        }
    }
}
