package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.ingest.DeadLetter;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.timeseries.fixtures.OnBothServers;

class RetentionJobTest extends OnBothServers {

    private static final Instant NOW = Instant.parse("2026-07-31T00:00:00Z");
    private static final Instant DETECTION_CUTOFF = NOW.minus(Duration.ofDays(30));
    private static final Instant DEAD_LETTER_CUTOFF = NOW.minus(Duration.ofDays(90));
    private static final MunicipalityCode KAKOGAWA = MunicipalityCode.of("282103");
    private static final TagId TAG = new TagId("tag-a1");

    private DetectionStore detections;
    private PostgresDeadLetterStore deadLetters;
    private RetentionJob job;

    @BeforeEach
    void newJob() {
        new TagRegistry(db.dataSource()).register(TAG, KAKOGAWA, null, true);
        detections = new DetectionStore(db.dataSource());
        deadLetters = new PostgresDeadLetterStore(db.dataSource());
        job = new RetentionJob(
                db.dataSource(), RetentionConfig.defaults().withBatchSize(2), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void expiredSessionsAreDeletedAndValidOnesStay() throws SQLException {
        new PostgresAccounts(db.dataSource())
                .create(
                        org.kawamori.core.access.Account.officer("kato", KAKOGAWA),
                        "a long enough password".toCharArray(),
                        "admin");
        PostgresSessions sessions = new PostgresSessions(db.dataSource());
        org.kawamori.core.access.Principal kato = new org.kawamori.core.access.Principal.Officer("kato", KAKOGAWA);
        sessions.open(kato, java.util.Optional.empty(), Duration.ofHours(1), NOW.minus(Duration.ofHours(2)));
        sessions.open(kato, java.util.Optional.empty(), Duration.ofHours(1), NOW.minus(Duration.ofHours(3)));
        org.kawamori.core.access.Sessions.Issued valid =
                sessions.open(kato, java.util.Optional.empty(), Duration.ofHours(1), NOW);

        assertThat(job.purgeExpiredSessions()).isEqualTo(2);

        assertThat(count("select count(*) from web_session where expires_at > ?", NOW))
                .isEqualTo(1);
        assertThat(count("select count(*) from web_session where expires_at <= ?", NOW))
                .isZero();
        assertThat(sessions.find(valid.token(), NOW.plusSeconds(60))).isPresent();
    }

    @Test
    void theDefaultsKeepDetections30DaysAndDeadLetters90Days() {
        assertThat(RetentionConfig.defaults())
                .isEqualTo(new RetentionConfig(Duration.ofDays(30), Duration.ofDays(90), 10_000));
    }

    @Test
    void detectionsOlderThanTheRetentionAreReallyGoneAndNewerOnesStay() throws SQLException {
        List<Detection> batch = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            batch.add(heard("cam-000" + i, DETECTION_CUTOFF.minus(Duration.ofDays(i))));
        }
        batch.add(heard("cam-0001", DETECTION_CUTOFF.minusNanos(1_000)));
        batch.add(heard("cam-0001", DETECTION_CUTOFF));
        batch.add(heard("cam-0002", NOW.minusSeconds(60)));
        detections.append(batch);

        assertThat(job.purgeDetections()).isEqualTo(6); // in batches of 2

        assertThat(count("select count(*) from detection where time < ?", DETECTION_CUTOFF))
                .isZero();
        assertThat(count("select count(*) from detection where time >= ?", DETECTION_CUTOFF))
                .isEqualTo(2);
        assertThat(detections.trail(TAG, Instant.EPOCH, NOW, 100))
                .extracting(Detection::time)
                .containsExactly(DETECTION_CUTOFF, NOW.minusSeconds(60));
        assertThat(detections.latestPerTag(KAKOGAWA))
                .extracting(Detection::time)
                .containsExactly(NOW.minusSeconds(60));
    }

    @Test
    void purgingAgainDeletesNothingMore() {
        detections.append(List.of(heard("cam-0001", DETECTION_CUTOFF.minusSeconds(1)), heard("cam-0001", NOW)));

        assertThat(job.purgeDetections()).isEqualTo(1);
        assertThat(job.purgeDetections()).isZero();
    }

    @Test
    void deadLettersOlderThanTheirRetentionAreGoneAndNewerOnesStay() throws SQLException {
        for (int i = 0; i < 3; i++) {
            deadLetters.record(letter(DEAD_LETTER_CUTOFF.minusSeconds(1 + i)));
        }
        deadLetters.record(letter(DEAD_LETTER_CUTOFF));
        deadLetters.record(letter(NOW));

        assertThat(job.purgeDeadLetters()).isEqualTo(3);

        assertThat(deadLetters.count()).isEqualTo(2);
        assertThat(count("select count(*) from dead_letter where received_at < ?", DEAD_LETTER_CUTOFF))
                .isZero();
    }

    @Test
    void aDeadLettersPayloadIsForgottenWithTheDetectionsButItsRowStaysForTheDeadLetterRetention() throws SQLException {
        deadLetters.record(letter(DETECTION_CUTOFF.minusSeconds(1)));
        deadLetters.record(letter(DETECTION_CUTOFF));
        deadLetters.record(letter(NOW));

        assertThat(job.forgetDeadLetterPayloads()).isEqualTo(1);
        assertThat(job.forgetDeadLetterPayloads()).as("a second run").isZero();

        assertThat(deadLetters.count()).isEqualTo(3);
        assertThat(count(
                        "select count(*) from dead_letter where received_at < ? and octet_length(payload) = 0"
                                + " and payload_size = 3 and reason <> '' and detail = 'test'",
                        DETECTION_CUTOFF))
                .as("the old row without its payload, the rest of it kept")
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from dead_letter where received_at >= ? and payload = '\\x010203'::bytea",
                        DETECTION_CUTOFF))
                .as("newer payloads kept")
                .isEqualTo(2);
    }

    @Test
    void detectionRetentionLeavesDeadLettersAndReadingsAlone() {
        deadLetters.record(letter(DETECTION_CUTOFF.minus(Duration.ofDays(1))));

        job.purgeDetections();

        assertThat(deadLetters.count()).isEqualTo(1);
    }

    private static long count(String sql, Instant parameter) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, java.time.OffsetDateTime.ofInstant(parameter, ZoneOffset.UTC));
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Detection heard(String gateway, Instant time) {
        return new Detection(TAG, KAKOGAWA, DeviceId.of(gateway), KAKOGAWA, time, new GeoPoint(34.75, 134.84), 20, -70);
    }

    private static DeadLetter letter(Instant receivedAt) {
        return new DeadLetter(
                receivedAt,
                Transport.MQTT,
                "kawamori/v1/282103/ghost/senml",
                "ghost",
                RejectionReason.values()[0],
                "test",
                new byte[] {1, 2, 3},
                3);
    }
}
