package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.timeseries.fixtures.OnBothServers;

/** The mode decision on servers without TimescaleDB (the TimescaleDB side: TimescaleFeaturesTimescaleTest). */
class TimescaleFeaturesTest extends OnBothServers {

    @Test
    void withoutTheExtensionTheModeIsPlainPostgresql() {
        assertThat(new TimescaleFeatures(db.dataSource(), RetentionConfig.defaults()).apply(false))
                .isEqualTo(StorageMode.PLAIN_POSTGRESQL);
    }

    @Test
    void anExtensionThatCannotBeCreatedFallsBackToPlainPostgresqlAndLeavesTheTablesWorking() throws SQLException {
        boolean offered = db.database().timescaleAvailable();

        StorageMode mode = new TimescaleFeatures(db.dataSource(), RetentionConfig.defaults()).apply(true);

        if (!offered) {
            assertThat(mode).isEqualTo(StorageMode.PLAIN_POSTGRESQL);
            assertThat(count("select count(*) from pg_extension where extname = 'timescaledb'"))
                    .isZero();
        }
        new TagRegistry(db.dataSource()).register(new TagId("tag-a1"), MunicipalityCode.of("282103"), null, true);
        assertThat(new DetectionStore(db.dataSource())
                        .append(List.of(new Detection(
                                new TagId("tag-a1"),
                                MunicipalityCode.of("282103"),
                                DeviceId.of("cam-0001"),
                                MunicipalityCode.of("282103"),
                                java.time.Instant.parse("2026-07-01T00:00:00Z"),
                                new GeoPoint(34.75, 134.84),
                                20,
                                -70))))
                .isEqualTo(1);
    }

    @Test
    void aServerThatDoesNotOfferTimescaleRunsInPlainPostgresqlMode() {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                db.database().timescaleAvailable(), "the server offers TimescaleDB");

        assertThat(TimescaleFeatures.applyTo(db.database(), RetentionConfig.defaults()))
                .isEqualTo(StorageMode.PLAIN_POSTGRESQL);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
