package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kawamori.core.Alert.Severity.CRITICAL;
import static org.kawamori.core.Alert.Severity.INFO;
import static org.kawamori.core.Alert.Severity.WARNING;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Alert.State;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertChange;
import org.kawamori.core.alert.AlertQueries.TransitionRecord;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.port.StoreRefusedException;
import org.kawamori.timeseries.fixtures.AlertStory;

class PostgresAlertStoreTest extends WithAlertStore {

    private static final Instant T0 = Instant.parse("2026-07-03T06:00:00.123456Z");

    private AlertStory riverStage(String station) {
        return newAlert("river-stage", station)
                .in(KAKOGAWA)
                .fact("station", station)
                .fact("_owner", "sensor:" + station)
                .fact("_subject.ja", "加古川 国包");
    }

    private AlertStory gatePass(String tag, String family) {
        return newAlert("gate-pass", tag)
                .fact("place", "school gate")
                .fact("_owner", "tag:" + tag)
                .fact("_family", family);
    }

    @Test
    void newAlertIdsComeFromTheAlertSequenceAndNeverRepeat() {
        long first = store.nextAlertId();
        long second = store.nextAlertId();

        assertThat(second).isGreaterThan(first);
        assertThat(new PostgresAlertStore(db.dataSource()).nextAlertId()).isGreaterThan(second);
    }

    @Test
    void aRecordedEvaluationComesBackAsTheActiveAlertWithLevelSequenceLastNoticeAndEngineKeys() {
        AlertStory stage = riverStage("kunikane").fact("level-m", "2.65");
        store.record(List.of(stage.opens(T0, WARNING, 2).toOfficersAndPublic()));
        store.record(List.of(stage.escalates(T0.plusSeconds(600), CRITICAL, 3).toOfficersAndPublic()));
        store.record(List.of(stage.reminds(T0.plusSeconds(2400)).toOfficers()));

        assertThat(store.activeAlerts()).singleElement().satisfies(active -> {
            assertThat(active).usingRecursiveComparison().isEqualTo(stage.now());
            assertThat(active.level()).isEqualTo(3);
            assertThat(active.sequence()).isEqualTo(3);
            assertThat(active.lastNoticeAt()).isEqualTo(T0.plusSeconds(2400));
            assertThat(active.alert().openedAt()).isEqualTo(T0);
            assertThat(active.detail())
                    .containsEntry("_owner", "sensor:kunikane")
                    .containsEntry("_subject.ja", "加古川 国包")
                    .containsEntry("level-m", "2.65");
        });
    }

    @Test
    void aClearedAlertIsNoLongerActiveAndTheSameSubjectAndRuleMayOpenAgainInTheSameEvaluation() {
        AlertStory pass = gatePass("child-tag-1", "family-1");
        store.record(List.of(pass.opens(T0, INFO, 1).toFamily("family-1")));
        AlertStory next = gatePass("child-tag-1", "family-1").fact("place", "station");

        store.record(List.of(
                pass.clears(T0.plusSeconds(60)).silently(),
                next.opens(T0.plusSeconds(60), INFO, 1).toFamily("family-1")));

        assertThat(store.activeAlerts()).extracting(AlertRecord::id).containsExactly(next.id());
        assertThat(queries.find(pass.id()))
                .hasValueSatisfying(a -> assertThat(a.alert().state()).isEqualTo(State.CLEARED));
        assertThat(queries.find(pass.id()).orElseThrow().lastNoticeAt())
                .as("a silent transition tells nobody")
                .isEqualTo(T0);
    }

    @Test
    void theHistoryKeepsEveryTransitionInOrderWithTheFactsItsNoticesCarried() {
        AlertStory stage = riverStage("kunikane");
        store.record(List.of(stage.opens(T0, WARNING, 2).toOfficersAndPublic()));
        store.record(List.of(stage.escalates(T0.plusSeconds(600), CRITICAL, 4).toOfficersAndPublic()));
        store.record(List.of(
                stage.isAcknowledged(T0.plusSeconds(700), "officer-kato").toOfficers()));
        store.record(
                List.of(stage.deescalates(T0.plusSeconds(3600), CRITICAL, 3).toOfficersAndPublic()));
        store.record(List.of(stage.clears(T0.plusSeconds(7200)).toOfficersAndPublic()));

        List<TransitionRecord> history = queries.transitions(stage.id());

        assertThat(history)
                .extracting(t ->
                        t.sequence() + " " + t.transition() + " " + t.severity() + " " + t.state() + " " + t.level())
                .containsExactly(
                        "1 OPENED WARNING OPEN 2",
                        "2 ESCALATED CRITICAL OPEN 4",
                        "3 ACKNOWLEDGED CRITICAL ACKNOWLEDGED 4",
                        "4 DEESCALATED CRITICAL ACKNOWLEDGED 3",
                        "5 CLEARED CRITICAL CLEARED 3");
        assertThat(history.get(2).facts())
                .containsEntry("acknowledged-by", "officer-kato")
                .containsEntry("station", "kunikane");
        assertThat(history).allSatisfy(t -> assertThat(t.facts().keySet()).noneMatch(k -> k.startsWith("_")));
        assertThat(history).extracting(TransitionRecord::at).isSorted().first().isEqualTo(T0);
        assertThat(store.activeAlerts()).isEmpty();
    }

    @Test
    void theOutboxHoldsEveryNoticeOncePerKeyAndAudienceUntilItIsMarkedPublished() {
        AlertStory stage = riverStage("kunikane");
        AlertStory pass = gatePass("child-tag-1", "family-1");
        AlertChange opened = stage.opens(T0, WARNING, 2).toOfficersAndPublic();
        AlertChange passed = pass.opens(T0.plusSeconds(1), INFO, 1).toFamily("family-1");
        store.record(List.of(opened));
        store.record(List.of(passed));
        AlertChange reminded = stage.reminds(T0.plusSeconds(7200)).toOfficers();
        store.record(List.of(reminded));

        List<Notice> unpublished = store.unpublished(100);

        assertThat(unpublished)
                .extracting(n -> n.key() + " " + n.audience().getClass().getSimpleName())
                .containsExactly(
                        Notice.keyOf(stage.id(), 1) + " Officers",
                        Notice.keyOf(stage.id(), 1) + " Public",
                        Notice.keyOf(pass.id(), 1) + " Family",
                        Notice.keyOf(stage.id(), 2) + " Officers");
        List<Notice> recorded = new ArrayList<>(opened.notices());
        recorded.addAll(passed.notices());
        recorded.addAll(reminded.notices());
        assertThat(unpublished).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(recorded);
        assertThat(store.unpublished(2)).hasSize(2);

        assertThat(store.markPublished(opened.notices().subList(0, 1))).isEqualTo(1);
        assertThat(store.unpublished(100))
                .extracting(n -> n.key() + " " + n.audience().getClass().getSimpleName())
                .containsExactly(
                        Notice.keyOf(stage.id(), 1) + " Public",
                        Notice.keyOf(pass.id(), 1) + " Family",
                        Notice.keyOf(stage.id(), 2) + " Officers");

        assertThat(store.markPublished(recorded)).as("the three left").isEqualTo(3);
        assertThat(store.markPublished(recorded))
                .as("marking again changes nothing")
                .isZero();
        assertThat(store.unpublished(100)).isEmpty();
    }

    @Test
    void aFamilysNoticeComesBackFromTheOutboxWithItsFamilyTitlesAndFacts() {
        AlertStory pass = gatePass("child-tag-1", "family-1");
        AlertChange opened = pass.opens(T0, INFO, 1).toFamily("family-1");

        store.record(List.of(opened));

        assertThat(store.unpublished(10)).singleElement().satisfies(notice -> {
            assertThat(notice).isEqualTo(opened.notices().get(0));
            assertThat(notice.facts()).containsEntry("place", "school gate").doesNotContainKey("_family");
        });
    }

    @Test
    void aNoticeRecordedTwiceForTheSameKeyAndAudienceIsRefusedAndNothingOfThatEvaluationIsStored() {
        AlertStory stage = riverStage("kunikane");
        AlertChange opened = stage.opens(T0, WARNING, 2).toOfficers();
        AlertChange twice = new AlertChange(
                opened.after(),
                opened.transition(),
                opened.at(),
                List.of(opened.notices().get(0), opened.notices().get(0)));

        assertThatThrownBy(() -> store.record(List.of(twice)))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("notice_outbox_pkey");

        assertThat(count("alert") + count("alert_history") + count("notice_outbox"))
                .isZero();
    }

    @Test
    void aSecondActiveAlertForTheSameSubjectAndRuleIsRefusedAndNothingOfThatEvaluationIsStored() {
        AlertStory first = gatePass("child-tag-1", "family-1");
        store.record(List.of(first.opens(T0, INFO, 1).toFamily("family-1")));
        AlertStory other = riverStage("kunikane");
        AlertStory second = gatePass("child-tag-1", "family-1");

        assertThatThrownBy(() -> store.record(List.of(
                        other.opens(T0.plusSeconds(5), WARNING, 2).toOfficersAndPublic(),
                        second.opens(T0.plusSeconds(5), INFO, 1).toFamily("family-1"))))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("alert_one_active")
                .hasMessageNotContaining("child-tag-1")
                .hasMessageNotContaining("family-1")
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("child-tag-1"));

        assertThat(store.activeAlerts()).extracting(AlertRecord::id).containsExactly(first.id());
        assertThat(queries.find(other.id())).isEmpty();
        assertThat(queries.transitions(other.id())).isEmpty();
        assertThat(store.unpublished(100)).extracting(Notice::alertId).containsOnly(first.id());
    }

    @Test
    void aTransitionNumberRecordedAlreadyIsRefusedAndTheAlertStaysAsItWas() {
        AlertStory stage = riverStage("kunikane");
        AlertChange opened = stage.opens(T0, WARNING, 2).toOfficersAndPublic();
        store.record(List.of(opened));

        assertThatThrownBy(() -> store.record(List.of(opened))).isInstanceOf(StoreRefusedException.class);

        AlertChange escalated = stage.escalates(T0.plusSeconds(60), CRITICAL, 3).toOfficersAndPublic();
        store.record(List.of(escalated));
        assertThatThrownBy(() -> store.record(List.of(opened)))
                .as("an older transition does not overwrite a newer one")
                .isInstanceOf(StoreRefusedException.class);
        assertThat(store.activeAlerts())
                .singleElement()
                .usingRecursiveComparison()
                .isEqualTo(stage.now());
        assertThat(queries.transitions(stage.id())).hasSize(2);
        assertThat(store.unpublished(100)).hasSize(4);
    }

    @Test
    void anEvaluationWithoutChangesStoresNothing() {
        store.record(List.of());

        assertThat(store.activeAlerts()).isEmpty();
        assertThat(store.markPublished(List.of())).isZero();
    }

    @Test
    void concurrentEvaluationsOfFiftySubjectsFromEightThreadsAllLand() throws Exception {
        int subjects = 50;
        int transitionsEach = 4;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < subjects; s++) {
                String station = "gauge-" + s;
                MunicipalityCode municipality = s % 2 == 0 ? KAKOGAWA : TAKASAGO;
                done.add(threads.submit(() -> {
                    AlertStory stage = riverStage(station).in(municipality);
                    store.record(List.of(stage.opens(T0, INFO, 1).toOfficersAndPublic()));
                    for (int level = 2; level <= transitionsEach; level++) {
                        store.record(List.of(stage.escalates(T0.plusSeconds(level * 60L), CRITICAL, level)
                                .toOfficersAndPublic()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(store.activeAlerts())
                .hasSize(subjects)
                .allSatisfy(a -> assertThat(a.sequence()).isEqualTo(transitionsEach))
                .extracting(a -> a.alert().subject())
                .doesNotHaveDuplicates();
        assertThat(count("alert_history")).isEqualTo(subjects * transitionsEach);
        assertThat(count("notice_outbox")).isEqualTo(subjects * transitionsEach * 2);
        assertThat(store.unpublished(1_000))
                .extracting(Notice::key)
                .filteredOn(k -> k.endsWith("-" + transitionsEach))
                .hasSize(subjects * 2);
    }

    @Test
    void detailsKeepAnyTextAsItWas() {
        AlertStory odd = riverStage("kunikane")
                .fact("quote", "say \"hi\" \\ {not json} 'x'")
                .fact("empty", "")
                .fact("multi\nline", "a,b\n\tc")
                .fact("_wording", "【継続中】氾濫注意水位");

        store.record(List.of(odd.opens(T0, WARNING, 2).toOfficers()));

        assertThat(store.activeAlerts().get(0).detail()).isEqualTo(odd.now().detail());
        assertThat(store.unpublished(1).get(0).facts()).isEqualTo(odd.publicFacts());
    }

    private static long count(String table) {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("select count(*) from " + table); // a name of this test
                ResultSet rows = q.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
