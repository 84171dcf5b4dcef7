package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's retention purge: deletes detections (personal data) and dead letters older than
 * {@link RetentionConfig} allows (notice dead letters like dead letters), and forgets the payloads of
 * dead letters as old as the detections, in batches of {@link RetentionConfig#batchSize()} rows, each batch
 * its own transaction. Deleted rows are gone for every query at once; PostgreSQL's (auto)vacuum then
 * reclaims their space. In TimescaleDB mode the detection purge is TimescaleDB's retention policy
 * instead, but dead letters are still purged here.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}; batches committed before it stay
 * deleted.
 */
public final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    /** By key, not by ctid: correct on a hypertable too, where ctids repeat across chunks. */
    private static final String DELETE_DETECTIONS = "delete from detection d using"
            + " (select tag_id, time, gateway_id from detection where time < ? limit ?) old"
            + " where d.tag_id = old.tag_id and d.time = old.time and d.gateway_id = old.gateway_id";

    private static final String DELETE_DEAD_LETTERS =
            "delete from dead_letter where id in (select id from dead_letter where received_at < ? limit ?)";

    /** Blanked rows are left out, so a run touches only what it has not forgotten yet. */
    private static final String FORGET_DEAD_LETTER_PAYLOADS = "update dead_letter set payload = ''::bytea"
            + " where id in (select id from dead_letter where received_at < ? and octet_length(payload) > 0 limit ?)";

    private static final String DELETE_NOTICE_DEAD_LETTERS =
            "delete from notice_dead_letter where id in" + " (select id from notice_dead_letter where at < ? limit ?)";

    private static final String DELETE_EXPIRED_SESSIONS = "delete from web_session where token_hash in"
            + " (select token_hash from web_session where expires_at < ? limit ?)";

    private final DataSource dataSource;
    private final RetentionConfig config;
    private final Clock clock;

    public RetentionJob(DataSource dataSource, RetentionConfig config) {
        this(dataSource, config, Clock.systemUTC());
    }

    public RetentionJob(DataSource dataSource, RetentionConfig config, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Deletes the detections with {@code time < now - retention}.
     *
     * @return how many were deleted
     */
    public long purgeDetections() {
        Instant cutoff = clock.instant().minus(config.detections());
        long deleted = purge(DELETE_DETECTIONS, cutoff, "detections");
        if (deleted > 0) {
            LOG.info("deleted {} detection(s) older than {} (retention {})", deleted, cutoff, config.detections());
        }
        return deleted;
    }

    /**
     * Deletes the dead letters with {@code received_at < now - retention}.
     *
     * @return how many were deleted
     */
    public long purgeDeadLetters() {
        Instant cutoff = clock.instant().minus(config.deadLetters());
        long deleted = purge(DELETE_DEAD_LETTERS, cutoff, "dead letters");
        if (deleted > 0) {
            LOG.info("deleted {} dead letter(s) older than {} (retention {})", deleted, cutoff, config.deadLetters());
        }
        return deleted;
    }

    /**
     * Forgets the payloads of dead letters received longer ago than the detection retention (or the
     * dead-letter retention, if that is shorter): a refused gateway batch can hold tag ids, which are
     * personal data and must not outlive the detections themselves. The row stays, with its time,
     * channel, reason, detail (which never names a tag) and payload size, for the rest of the
     * dead-letter retention.
     *
     * @return how many payloads were forgotten
     */
    public long forgetDeadLetterPayloads() {
        Duration keep =
                config.detections().compareTo(config.deadLetters()) < 0 ? config.detections() : config.deadLetters();
        Instant cutoff = clock.instant().minus(keep);
        long forgotten = purge(FORGET_DEAD_LETTER_PAYLOADS, cutoff, "dead-letter payloads");
        if (forgotten > 0) {
            LOG.info("forgot the payloads of {} dead letter(s) older than {} (kept {})", forgotten, cutoff, keep);
        }
        return forgotten;
    }

    /**
     * Deletes the notices channels gave up on with {@code at < now - retention}, with the dead-letter
     * retention.
     *
     * @return how many were deleted
     */
    public long purgeNoticeDeadLetters() {
        Instant cutoff = clock.instant().minus(config.deadLetters());
        long deleted = purge(DELETE_NOTICE_DEAD_LETTERS, cutoff, "notice dead letters");
        if (deleted > 0) {
            LOG.info(
                    "deleted {} notice dead letter(s) older than {} (retention {})",
                    deleted,
                    cutoff,
                    config.deadLetters());
        }
        return deleted;
    }

    /**
     * Deletes the login sessions that expired (they are refused already; this keeps the table small).
     *
     * @return how many were deleted
     */
    public long purgeExpiredSessions() {
        return purge(DELETE_EXPIRED_SESSIONS, clock.instant(), "expired sessions");
    }

    private long purge(String sql, Instant cutoff, String what) {
        long total = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            int batch;
            do {
                SqlTimes.setBound(delete, 1, cutoff);
                delete.setInt(2, config.batchSize());
                batch = delete.executeUpdate();
                total += batch;
            } while (batch >= config.batchSize());
        } catch (SQLException e) {
            throw Failures.unavailable("cannot purge old " + what + " (" + total + " deleted before the failure)", e);
        }
        return total;
    }
}
