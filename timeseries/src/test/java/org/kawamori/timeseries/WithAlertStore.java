package org.kawamori.timeseries;

import static org.kawamori.timeseries.fixtures.AlertStory.anAlert;

import org.junit.jupiter.api.BeforeEach;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.timeseries.fixtures.AlertStory;
import org.kawamori.timeseries.fixtures.OnBothServers;

/** The alert store and its queries on both servers, and alerts told as {@link AlertStory}s. */
abstract class WithAlertStore extends OnBothServers {

    static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    static final MunicipalityCode TAKASAGO = MunicipalityCode.of("282162");

    PostgresAlertStore store;
    PostgresAlertQueries queries;

    @BeforeEach
    void stores() {
        store = new PostgresAlertStore(db.dataSource());
        queries = new PostgresAlertQueries(db.dataSource());
    }

    /** A new alert of {@code rule} on {@code subject} in Kakogawa, with an id from the store. */
    AlertStory newAlert(String rule, String subject) {
        return anAlert(store.nextAlertId()).of(rule, subject).in(KAKOGAWA);
    }
}
