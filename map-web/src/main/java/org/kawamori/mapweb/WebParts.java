package org.kawamori.mapweb;

import java.util.Optional;
import org.kawamori.core.access.Accounts;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.FamilyTags;
import org.kawamori.core.access.Sessions;
import org.kawamori.core.alert.AlertCommands;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.AlertRuleAdmin;
import org.kawamori.core.alert.FamilyWatch;
import org.kawamori.core.alert.Searches;
import org.kawamori.core.port.MetricsExposition;
import org.kawamori.core.port.RegistryAdmin;

/**
 * The optional parts of the server that the embedding code adds before start ({@link MapWebServer}'s
 * {@code with…} methods), each with the ports it needs; the verticle mounts what is present.
 */
final class WebParts {

    private WebParts() {}

    /** The admin API's port and its caller check. */
    record Admin(RegistryAdmin registry, AdminAuth auth) {}

    /** The alert API's ports and its caller check. */
    record Alerts(AlertQueries queries, AlertCommands commands, AdminAuth auth) {}

    /** The alert settings' port and its caller check. */
    record AlertSettings(AlertRuleAdmin rules, AdminAuth auth) {}

    /** The logins' ports and how sessions behave. */
    record Logins(Sessions sessions, Accounts accounts, FamilyLinks links, AccessConfig config) {}

    /** The family page's ports: the family's tags, its watch rules and lost mode, its links. */
    record Family(FamilyTags tags, FamilyWatch watch, FamilyLinks links) {}

    /** The officers' console: its ports, the battery readings seen, and how long a stream lives. */
    record Officers(Searches searches, AlertQueries alerts, LatestBatteries batteries, long streamMaxAgeMs) {}

    /** The NGSI-LD view's alert port (the sensors, readings and stages are the server's own). */
    record StandardView(AlertQueries alerts) {}

    /** What the embedding code may add before start; each part is off when empty. */
    record Extras(
            Optional<Admin> admin,
            Optional<MetricsExposition> metrics,
            Optional<Alerts> alerts,
            Optional<AlertSettings> alertSettings,
            Optional<Logins> logins,
            Optional<Officers> officers,
            Optional<Family> family,
            Optional<StandardView> standardView) {

        static Extras none() {
            return new Extras(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }

        Extras withAdmin(Admin a) {
            return new Extras(Optional.of(a), metrics, alerts, alertSettings, logins, officers, family, standardView);
        }

        Extras withMetrics(MetricsExposition m) {
            return new Extras(admin, Optional.of(m), alerts, alertSettings, logins, officers, family, standardView);
        }

        Extras withAlerts(Alerts a) {
            return new Extras(admin, metrics, Optional.of(a), alertSettings, logins, officers, family, standardView);
        }

        Extras withAlertSettings(AlertSettings a) {
            return new Extras(admin, metrics, alerts, Optional.of(a), logins, officers, family, standardView);
        }

        Extras withLogins(Logins l) {
            return new Extras(admin, metrics, alerts, alertSettings, Optional.of(l), officers, family, standardView);
        }

        Extras withOfficers(Officers o) {
            return new Extras(admin, metrics, alerts, alertSettings, logins, Optional.of(o), family, standardView);
        }

        Extras withFamily(Family f) {
            return new Extras(admin, metrics, alerts, alertSettings, logins, officers, Optional.of(f), standardView);
        }

        Extras withStandardView(StandardView v) {
            return new Extras(admin, metrics, alerts, alertSettings, logins, officers, family, Optional.of(v));
        }

        /** The admin bearer token's check, from whichever part was given one (they are the same token). */
        Optional<AdminAuth> bearer() {
            return admin.map(Admin::auth)
                    .or(() -> alerts.map(Alerts::auth))
                    .or(() -> alertSettings.map(AlertSettings::auth));
        }

        boolean secureCookie() {
            return logins.map(l -> l.config().secureCookie()).orElse(false);
        }
    }
}
