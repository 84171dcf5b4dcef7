package org.kawamori.deploy;

import javax.sql.DataSource;
import org.kawamori.mapweb.AccessConfig;
import org.kawamori.mapweb.MapWebServer;
import org.kawamori.timeseries.PostgresAccounts;
import org.kawamori.timeseries.PostgresFamilyLinks;
import org.kawamori.timeseries.PostgresSessions;

/**
 * Logins on the map: accounts, sessions and family links in the database (so that every instance
 * knows every session), with the settings of {@link AppSettings#access()}.
 */
final class AccessWiring {

    private AccessWiring() {}

    /** The sessions' store, for the purge of expired sessions. */
    static PostgresSessions attach(MapWebServer web, DataSource dataSource, AccessConfig config) {
        PostgresSessions sessions = new PostgresSessions(dataSource);
        web.withLogins(sessions, new PostgresAccounts(dataSource), new PostgresFamilyLinks(dataSource), config);
        return sessions;
    }
}
