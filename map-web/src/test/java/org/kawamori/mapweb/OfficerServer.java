package org.kawamori.mapweb;

import java.util.List;
import org.kawamori.core.fixtures.InMemorySensorRegistry;

/**
 * A map-web server with logins, alerts and the officers' console on in-memory ports, for the
 * officer tests: officers tanaka (Kakogawa) and suzuki (Takasago), guardian sato (Kakogawa), admin root.
 */
final class OfficerServer {

    static final String KAKOGAWA_OFFICER = "tanaka";
    static final String TAKASAGO_OFFICER = "suzuki";
    static final String GUARDIAN = "sato";

    final InMemorySensorRegistry registry;
    final InMemoryReadingQueries readings;
    final InMemoryAlerts alerts = new InMemoryAlerts();
    final InMemorySearches searches = new InMemorySearches();
    final InMemoryAccess access = new InMemoryAccess()
            .withOfficer(KAKOGAWA_OFFICER, AlertFixtures.KAKOGAWA)
            .withOfficer(TAKASAGO_OFFICER, AlertFixtures.TAKASAGO)
            .withGuardian(GUARDIAN, "family-sato", AlertFixtures.KAKOGAWA)
            .withAdmin("root");

    private OfficerServer(InMemorySensorRegistry registry) {
        this.registry = registry;
        this.readings = new InMemoryReadingQueries(registry);
    }

    static OfficerServer over(InMemorySensorRegistry registry) {
        return new OfficerServer(registry);
    }

    TestServer start() {
        return start(OfficerStream.MAX_AGE_MS);
    }

    TestServer start(long streamMaxAgeMs) {
        return startOn(0, streamMaxAgeMs);
    }

    /** Starts a server on {@code port} (0: any free one) over the same ports: a restart keeps the sessions. */
    TestServer startOn(int port, long streamMaxAgeMs) {
        return TestServer.start(new MapWebServer(WebConfig.onPort(port), registry, readings, List.of())
                .withLogins(access, access, access, AccessConfig.defaults())
                .withAlerts(alerts, alerts, TestAuth.AUTH)
                .withOfficers(searches, alerts, streamMaxAgeMs));
    }
}
