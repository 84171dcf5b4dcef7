package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kawamori.core.port.HealthIndicator.Health;
import org.kawamori.timeseries.fixtures.OnBothServers;

class DatabaseHealthTest extends OnBothServers {

    @Test
    void theDatabaseIsUpWhenItAnswers() {
        DatabaseHealth health = new DatabaseHealth(db.dataSource());

        Health state = health.check();

        assertThat(health.name()).isEqualTo("database");
        assertThat(state.up()).isTrue();
        assertThat(state.detail()).startsWith("PostgreSQL ");
    }
}
