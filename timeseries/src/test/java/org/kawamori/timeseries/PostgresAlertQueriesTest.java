package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kawamori.core.Alert.Severity.CRITICAL;
import static org.kawamori.core.Alert.Severity.WARNING;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.timeseries.fixtures.AlertStory;

class PostgresAlertQueriesTest extends WithAlertStore {

    private static final Instant T0 = Instant.parse("2026-07-03T06:00:00Z");

    /** An alert of {@code station} opened at T0 + {@code minute} minutes. */
    private AlertStory openedAt(String station, MunicipalityCode municipality, int minute) {
        AlertStory stage = newAlert("river-stage", station).in(municipality);
        store.record(
                List.of(stage.opens(T0.plusSeconds(minute * 60L), WARNING, 2).toOfficers()));
        return stage;
    }

    @Test
    void activeAlertsAreOfOneMunicipalityOrAllTheMostRecentlyChangedFirst() {
        AlertStory kunikane = openedAt("kunikane", KAKOGAWA, 0);
        AlertStory takasago = openedAt("takasago-1", TAKASAGO, 5);
        AlertStory ichiba = openedAt("ichiba", KAKOGAWA, 10);
        AlertStory lifted = openedAt("ikeziri", KAKOGAWA, 12);
        store.record(List.of(lifted.clears(T0.plusSeconds(3600)).toOfficers()));
        store.record(
                List.of(kunikane.escalates(T0.plusSeconds(1200), CRITICAL, 3).toOfficers()));

        assertThat(queries.active(Optional.of(KAKOGAWA)))
                .extracting(AlertRecord::id)
                .containsExactly(kunikane.id(), ichiba.id());
        assertThat(queries.active(Optional.of(TAKASAGO)))
                .extracting(AlertRecord::id)
                .containsExactly(takasago.id());
        assertThat(queries.active(Optional.empty()))
                .extracting(AlertRecord::id)
                .containsExactly(kunikane.id(), ichiba.id(), takasago.id());
        assertThat(queries.active(Optional.of(MunicipalityCode.of("283827")))).isEmpty();
    }

    @Test
    void anAlertIsFoundInWhateverStateWithItsLevelAndDetail() {
        AlertStory stage =
                newAlert("river-stage", "kunikane").fact("stage", "2").fact("_owner", "sensor:kunikane");
        store.record(List.of(stage.opens(T0, WARNING, 2).toOfficers()));
        store.record(List.of(stage.clears(T0.plusSeconds(60)).toOfficers()));

        assertThat(queries.find(stage.id()))
                .hasValueSatisfying(
                        a -> assertThat(a).usingRecursiveComparison().isEqualTo(stage.now()));
        assertThat(queries.find(stage.id() + 1_000)).isEmpty();
        assertThat(queries.transitions(stage.id() + 1_000)).isEmpty();
    }

    @Test
    void changedBetweenPaginatesNewestFirstWithoutGapsOrRepeatsAlsoWhereTimesAreEqual() {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // three alerts a minute: ties in changed_at are ordered by id
            AlertStory alert = openedAt("gauge-" + i, i % 3 == 0 ? TAKASAGO : KAKOGAWA, i / 3);
            expected.add(0, alert.id());
        }

        assertThat(allPages(Optional.empty(), T0, T0.plusSeconds(3600), 4)).containsExactlyElementsOf(expected);
        assertThat(allPages(Optional.empty(), T0, T0.plusSeconds(3600), 1)).containsExactlyElementsOf(expected);
        assertThat(allPages(Optional.empty(), T0, T0.plusSeconds(3600), 100)).containsExactlyElementsOf(expected);
        List<Long> kakogawa = queries.active(Optional.of(KAKOGAWA)).stream()
                .map(AlertRecord::id)
                .toList();
        assertThat(allPages(Optional.of(KAKOGAWA), T0, T0.plusSeconds(3600), 3))
                .hasSize(15)
                .containsExactlyElementsOf(
                        expected.stream().filter(kakogawa::contains).toList());
    }

    @Test
    void changedBetweenTakesTheRangeFromIncludedToExcluded() {
        AlertStory atStart = openedAt("a", KAKOGAWA, 0);
        AlertStory inside = openedAt("b", KAKOGAWA, 5);
        openedAt("c", KAKOGAWA, 10);

        assertThat(queries.changedBetween(Optional.empty(), T0, T0.plusSeconds(600), 10, Optional.empty()))
                .extracting(AlertRecord::id)
                .containsExactly(inside.id(), atStart.id());
        assertThat(queries.changedBetween(Optional.empty(), T0, T0, 10, Optional.empty()))
                .isEmpty();
        assertThat(queries.changedBetween(Optional.empty(), T0, T0.plusSeconds(600), 0, Optional.empty()))
                .isEmpty();
    }

    @Test
    void theQueriesRunOnTheirIndexes() throws SQLException {
        AlertStory stage = openedAt("kunikane", KAKOGAWA, 0);
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off"); // the table is tiny: make the planner show the index it would use
            try {
                assertThat(plan(c, PostgresAlertQueries.activeQuery(true), KAKOGAWA.value()))
                        .contains("alert_active_changed");
                assertThat(plan(c, PostgresAlertQueries.changedBetweenQuery(false, true), T0, T0, stage.id(), 10))
                        .contains("alert_changed")
                        .contains("alert_pkey");
                assertThat(plan(
                                c,
                                PostgresAlertQueries.changedBetweenQuery(true, false),
                                T0,
                                T0.plusSeconds(60),
                                KAKOGAWA.value(),
                                10))
                        .containsAnyOf("alert_municipality_changed", "alert_active_changed");
                assertThat(plan(c, "select * from alert_history where alert_id = ? order by sequence", stage.id()))
                        .contains("alert_history_pkey");
            } finally {
                s.execute("reset enable_seqscan");
            }
        }
    }

    private static String plan(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement explain = c.prepareStatement("explain " + sql)) { // the store's own SQL
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Instant time) {
                    SqlTimes.set(explain, i + 1, time);
                } else {
                    explain.setObject(i + 1, parameters[i]);
                }
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private List<Long> allPages(Optional<MunicipalityCode> municipality, Instant from, Instant to, int size) {
        List<Long> ids = new ArrayList<>();
        Optional<Long> before = Optional.empty();
        while (true) {
            List<AlertRecord> page = queries.changedBetween(municipality, from, to, size, before);
            assertThat(page.size()).isLessThanOrEqualTo(size);
            if (page.isEmpty()) {
                return ids;
            }
            page.forEach(a -> ids.add(a.id()));
            before = Optional.of(page.get(page.size() - 1).id());
        }
    }
}
