package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.NoticeDeadLetters.Letter;
import org.kawamori.timeseries.fixtures.OnBothServers;

class PostgresNoticeDeadLettersTest extends OnBothServers {

    private static final Instant NOW = Instant.parse("2026-07-31T00:00:00Z");

    private PostgresNoticeDeadLetters letters;

    @BeforeEach
    void newStore() {
        letters = new PostgresNoticeDeadLetters(db.dataSource());
    }

    @Test
    void aLetterIsKeptWithEverythingItSays() {
        Letter letter = new Letter(
                "alert-42-3",
                42,
                "river-stage",
                AlertTransition.ESCALATED,
                "webhook",
                "HTTP 503 after 8 attempts",
                8,
                NOW);

        letters.record(letter);

        assertThat(letters.recent(10)).containsExactly(letter);
    }

    @Test
    void recentListsTheNewestFirstAndAtMostTheLimit() {
        letters.record(letter("alert-1-1", NOW.minusSeconds(30)));
        letters.record(letter("alert-1-3", NOW.minusSeconds(10)));
        letters.record(letter("alert-1-2", NOW.minusSeconds(20)));

        assertThat(letters.recent(2)).extracting(Letter::key).containsExactly("alert-1-3", "alert-1-2");
        assertThat(letters.recent(0)).isEmpty();
    }

    @Test
    void aLongReasonIsCutAndStoredAsCut() {
        letters.record(
                new Letter("alert-1-1", 1, "offline", AlertTransition.OPENED, "mail", "x".repeat(2_000), 0, NOW));

        assertThat(letters.recent(1).get(0).reason()).hasSize(Letter.MAX_REASON_LENGTH);
    }

    @Test
    void theRetentionJobDeletesLettersOlderThanTheDeadLetterRetentionAndKeepsTheRest() {
        Instant cutoff = NOW.minus(Duration.ofDays(90));
        letters.record(letter("alert-1-1", cutoff.minusSeconds(3)));
        letters.record(letter("alert-1-2", cutoff.minusSeconds(2)));
        letters.record(letter("alert-1-3", cutoff.minusSeconds(1)));
        letters.record(letter("alert-1-4", cutoff));
        letters.record(letter("alert-1-5", NOW));
        RetentionJob job = new RetentionJob(
                db.dataSource(), RetentionConfig.defaults().withBatchSize(2), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(job.purgeNoticeDeadLetters()).isEqualTo(3); // in batches of 2
        assertThat(job.purgeNoticeDeadLetters()).isZero();

        assertThat(letters.recent(10)).extracting(Letter::key).containsExactly("alert-1-5", "alert-1-4");
    }

    private static Letter letter(String key, Instant at) {
        return new Letter(key, 1, "river-stage", AlertTransition.OPENED, "webhook", "HTTP 500", 3, at);
    }
}
