package org.kawamori.deploy.serve;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.kawamori.deploy.AppSettings;
import org.kawamori.deploy.Endpoints;
import org.kawamori.deploy.KawamoriApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar kawamori.jar serve}: one production instance. Configured by the environment only
 * ({@link ServeSettings}); refuses to start while a setting is missing or a credential is a default.
 *
 * <pre>
 *  start ──► ServeSettings.from(env) ──► KawamoriApp.start ──► serving … until SIGTERM / SIGINT
 *  SIGTERM ──► readiness DOWN ──► grace (KAWAMORI_SHUTDOWN_GRACE) ──► stop taking messages
 *          ──► in-flight MQTT messages committed and acknowledged (or left to the broker's session)
 *          ──► writers drained ──► broker and database connections closed ──► exit 0
 * </pre>
 */
public final class ServeCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    public static final String USAGE =
            """
            usage: java -jar kawamori.jar serve
              Production: an external PostgreSQL/TimescaleDB and MQTT 5 broker, no embedded parts, no
              demo devices. Configured by environment variables only (deploy/CONFIGURATION.md), e.g.
                KAWAMORI_DB_URL=jdbc:postgresql://db:5432/kawamori?user=kawamori
                KAWAMORI_DB_PASSWORD_FILE=/run/secrets/db-password
                KAWAMORI_MQTT_URL=tcp://broker:1883  KAWAMORI_MQTT_USER=kawamori
                KAWAMORI_MQTT_PASSWORD_FILE=/run/secrets/mqtt-password
                KAWAMORI_HTTPS_CERT=/etc/kawamori/tls.crt  KAWAMORI_HTTPS_KEY=/etc/kawamori/tls.key
              It refuses to start while a required setting is missing or a secret is a known default.
            usage: java -jar kawamori.jar health [--url URL]
              exit 0 when URL (default http://127.0.0.1:$KAWAMORI_HTTP_PORT/health/ready) answers 200""";

    private final PrintStream err;

    public ServeCommand(PrintStream err) {
        this.err = err;
    }

    /** Runs until the JVM is asked to stop; returns only on a usage error. */
    public int run(List<String> args) throws Exception {
        if (!args.isEmpty()) {
            err.println("serve takes no options: it is configured by the environment\n\n" + USAGE);
            return 2;
        }
        AppSettings environment = AppSettings.fromEnvironment();
        ServeSettings settings = ServeSettings.from(environment);
        LOG.info("starting {}", settings);
        KawamoriApp app = KawamoriApp.start(settings.toAppConfig(environment));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping: draining messages in flight");
                            app.close();
                            LOG.info("stopped");
                            stopped.countDown();
                        },
                        "kawamori-shutdown"));
        Endpoints e = app.endpoints();
        LOG.info(
                "serving: map and APIs {} (health {}health/ready, metrics {}metrics), MQTT {}, CoAP {}, CoAPs {},"
                        + " gateway HTTPS {}, database {}",
                e.mapUrl(),
                e.mapUrl(),
                e.mapUrl(),
                e.mqttUrl(),
                e.coapUri(),
                e.coapsUri().orElse("off (no KAWAMORI_PSK_MASTER_KEY)"),
                e.gatewayHttpsUrl(),
                e.database());
        stopped.await();
        return 0;
    }
}
