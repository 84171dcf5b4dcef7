package org.kawamori.deploy.alerts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.alerting.rules.Settings;
import org.kawamori.core.alert.Notifier;
import org.kawamori.core.port.GatewayRegistry;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.deploy.AppSettings;
import org.kawamori.notify.NoticeDispatcher;
import org.kawamori.timeseries.PostgresAlertRules;
import org.kawamori.timeseries.PostgresAlertStore;
import org.kawamori.timeseries.PostgresNoticeDeadLetters;
import org.kawamori.timeseries.PostgresSearchAudit;
import org.kawamori.timeseries.PostgresSightingQueries;

/**
 * The alert rules and the notification channels of one app, built from its settings and its
 * database: the dispatcher with its channels, and the {@link AlertService} restored from the store.
 * Close it after the routes stopped: the service stops its clock, then the dispatcher drains.
 */
public final class AlertWiring implements AutoCloseable {

    private final NoticeDispatcher dispatcher;
    private final AlertService service;

    private AlertWiring(NoticeDispatcher dispatcher, AlertService service) {
        this.dispatcher = dispatcher;
        this.service = service;
    }

    /**
     * @param broker the app's MQTT broker URL, and its login there if it needs one
     * @param more channels the app adds (the map's SSE, through a relay)
     */
    public static AlertWiring start(
            AppSettings settings,
            DataSource database,
            String broker,
            Optional<String[]> brokerLogin,
            String clientId,
            List<Notifier> more,
            ReadingQueries readings,
            SensorRegistry sensors,
            GatewayRegistry gateways,
            Clock clock) {
        NoticeDispatcher dispatcher = NotifyWiring.dispatcher(
                settings.notifyValues(),
                broker,
                brokerLogin,
                clientId + "-notify",
                new PostgresNoticeDeadLetters(database),
                more);
        try {
            PostgresAlertStore store = new PostgresAlertStore(database);
            AlertService service = AlertService.restore(
                    baseRules(settings),
                    new AlertService.Stores(
                            store,
                            store,
                            new PostgresSearchAudit(database),
                            new PostgresAlertRules(database),
                            readings,
                            new PostgresSightingQueries(database),
                            sensors,
                            gateways),
                    () -> dispatcher,
                    clock);
            return new AlertWiring(dispatcher, service);
        } catch (RuntimeException e) {
            dispatcher.close();
            throw e;
        }
    }

    /** The shipped defaults, with the deployment's settings file ({@value AppSettings#ALERT_SETTINGS}) over them. */
    private static Settings baseRules(AppSettings settings) {
        return Settings.defaults().over(settings.alertSettings());
    }

    public AlertService service() {
        return service;
    }

    /** The notification channels (for the metrics). */
    public NoticeDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            dispatcher.close();
        }
    }
}
