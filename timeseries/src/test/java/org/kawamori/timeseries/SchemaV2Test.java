package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.fixtures.SensorFixtures.givenSensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.timeseries.fixtures.OnBothServers;

/** The V2 tables: the upgrade from V1 with data, and the constraints the later issues rely on. */
class SchemaV2Test extends OnBothServers {

    private static final Instant T0 = Instant.parse("2026-07-01T10:00:00Z");

    @Test
    void version2AppliesOnTopOfVersion1WithDataPresent() throws SQLException {
        String schema = "upgrade_" + server.name().toLowerCase().substring(0, 5);
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade"); // a constant of this test
        }
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(db.dataSource())
                .locations("classpath:db/migration")
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .target("1")
                .load()
                .migrate();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            // qualified names: a pooled connection keeps its search path
            s.execute("insert into " + schema + ".municipality values ('282103', '加古川市', 'Kakogawa')");
            s.execute("insert into " + schema + ".device (id, municipality, kind, name, lat, lon)"
                    + " values ('kunikane', '282103', 'RIVER_GAUGE', '国包', 34.8, 134.9)");
            s.execute("insert into " + schema + ".reading (device_id, municipality, time, quantity, value)"
                    + " values ('kunikane', '282103', '2026-07-01 10:00:00+00', 'level', 1.25)");
        }

        try (Database upgraded = new Database(db.config().withSchema(schema))) {
            assertThat(new PostgresReadingStore(upgraded.dataSource())
                            .readings(DeviceId.of("kunikane"), T0, T0.plusSeconds(1), 10))
                    .containsExactly(new Reading(
                            DeviceId.of("kunikane"), MunicipalityCode.of("282103"), T0, Quantity.WATER_LEVEL, 1.25));
            try (Connection c = upgraded.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("select quality, (select count(*) from tag)"
                            + " + (select count(*) from detection) + (select count(*) from alert) from reading")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).as("quality of a V1 reading").isZero();
                assertThat(rows.getInt(2)).as("rows in the new tables").isZero();
            }
        } finally {
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            }
        }
    }

    @Test
    void aSecondActiveAlertForTheSameSubjectAndRuleIsRefused() throws SQLException {
        insertAlert("kunikane", "stage-3", "OPEN");

        assertThatThrownBy(() -> insertAlert("kunikane", "stage-3", "ACKNOWLEDGED"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("alert_one_active");
    }

    @Test
    void clearedAlertsDoNotBlockANewOne() throws SQLException {
        insertAlert("kunikane", "stage-3", "CLEARED");
        insertAlert("kunikane", "stage-3", "CLEARED");
        insertAlert("kunikane", "stage-3", "OPEN");
        insertAlert("kunikane", "offline", "OPEN");

        assertThat(count("select count(*) from alert")).isEqualTo(4);
    }

    @Test
    void anAlertStateOutsideTheLifecycleIsRefused() {
        assertThatThrownBy(() -> insertAlert("kunikane", "stage-3", "SNOOZED"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("check");
    }

    @Test
    void everyNewRowCarriesAMunicipalityCode() throws SQLException {
        assertThat(count("select count(*) from information_schema.columns where table_schema = 'kawamori'"
                        + " and table_name in ('reading', 'detection', 'alert', 'reading_5m', 'reading_1h')"
                        + " and column_name in ('municipality', 'tag_municipality') and is_nullable = 'NO'"))
                .isEqualTo(5);
    }

    @Test
    void detectionsAreIndexedOnTimeForTheRetentionPurge() throws SQLException {
        assertThat(count("select count(*) from pg_indexes where schemaname = 'kawamori' and tablename = 'detection'"
                        + " and indexname = 'detection_time' and indexdef like '%time%'"))
                .isEqualTo(1);
    }

    @Test
    void theDeviceStateKeepsTheNewestLastSeen() {
        new PostgresSensorRegistry(db.dataSource(), 1_000)
                .register(givenSensor("kunikane").build(), Optional.empty());
        DeviceStateStore states = new DeviceStateStore(db.dataSource());
        DeviceState fresh = new DeviceState(DeviceId.of("kunikane"), T0, T0.plusSeconds(86_400), "DAILY");
        DeviceState late = new DeviceState(DeviceId.of("kunikane"), T0.minusSeconds(600), T0, "EVERY_10_MINUTES");

        assertThat(states.upsert(fresh)).isTrue();
        assertThat(states.upsert(late)).isFalse();

        assertThat(states.find(DeviceId.of("kunikane"))).contains(fresh);
        assertThat(states.find(DeviceId.of("other"))).isEmpty();
    }

    @Test
    void aDeviceStateOfAnUnregisteredDeviceIsRefused() {
        DeviceStateStore states = new DeviceStateStore(db.dataSource());

        assertThatThrownBy(() -> states.upsert(new DeviceState(DeviceId.of("ghost"), T0, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void insertAlert(String subject, String rule, String state) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into alert (municipality, subject, rule,"
                                + " severity, state, detail) values ('282103', ?, ?, 'WARNING', ?, '{\"level\": 3.1}'::jsonb)")) {
            insert.setString(1, subject);
            insert.setString(2, rule);
            insert.setString(3, state);
            insert.executeUpdate();
        }
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
