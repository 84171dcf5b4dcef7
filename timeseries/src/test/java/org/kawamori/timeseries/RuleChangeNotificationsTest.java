package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.timeseries.fixtures.OnBothServers;

/**
 * The alert settings and the watch rules change through whichever instance answered the request; the
 * others hear of it (migration V10) and react ({@link RegistryChanges#onChange}), here to plain SQL
 * from another connection.
 */
class RuleChangeNotificationsTest extends OnBothServers {

    private static final Duration MOMENT = Duration.ofSeconds(5);

    private RegistryChanges changes;

    @BeforeEach
    void listen() throws InterruptedException {
        changes = RegistryChanges.start(db.config());
        assertThat(changes.awaitListening(MOMENT)).as("LISTEN within 5 s").isTrue();
    }

    @AfterEach
    void stop() {
        changes.close();
    }

    @Test
    void aChangedAlertSettingRunsTheReactionsToThatTableAndNoOther() throws SQLException {
        AtomicInteger settings = new AtomicInteger();
        AtomicInteger rules = new AtomicInteger();
        changes.onChange("alert_setting", settings::incrementAndGet);
        changes.onChange("watch_rule", rules::incrementAndGet);

        sql(
                "insert into alert_setting (key, value, updated_at, updated_by) values (?, '3', now(), 'test')"
                        + " on conflict (key) do update set value = excluded.value",
                "stale-after-hours");

        await().atMost(MOMENT).until(() -> settings.get() == 1);
        assertThat(rules.get()).isZero();
    }

    @Test
    void aStatementOnTheWatchRulesRunsTheirReactionsOnceEvenWhenItTouchesNoRow() throws SQLException {
        AtomicInteger rules = new AtomicInteger();
        changes.onChange("watch_rule", rules::incrementAndGet);
        long before = changes.heard();

        sql("delete from watch_rule where tag_id = ?", "no-such-tag");

        await().atMost(MOMENT).until(() -> changes.heard() > before);
        assertThat(rules.get()).isEqualTo(1);
    }

    @Test
    void aReactionThatFailsStopsNeitherTheOthersNorTheListening() throws SQLException {
        AtomicInteger after = new AtomicInteger();
        changes.onChange("alert_setting", () -> {
            throw new IllegalStateException("database down (test)");
        });
        changes.onChange("alert_setting", after::incrementAndGet);

        sql("delete from alert_setting where key = ?", "no-such-key");
        await().atMost(MOMENT).until(() -> after.get() == 1);
        sql("delete from alert_setting where key = ?", "no-such-key");

        await().atMost(MOMENT).until(() -> after.get() == 2);
        assertThat(changes.listening()).isTrue();
    }

    private void sql(String statement, String parameter) throws SQLException {
        db.sqlAsAnotherClient(statement, parameter);
    }
}
