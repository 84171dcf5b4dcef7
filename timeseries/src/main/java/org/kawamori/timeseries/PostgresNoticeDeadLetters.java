package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.NoticeDeadLetters;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Core's {@link NoticeDeadLetters} in the {@code notice_dead_letter} table: the notices a channel gave
 * up on, without titles, facts or family. {@link RetentionJob#purgeNoticeDeadLetters} deletes them
 * after the dead-letter retention.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}.
 */
public final class PostgresNoticeDeadLetters implements NoticeDeadLetters {

    private static final String INSERT = "insert into notice_dead_letter"
            + " (key, alert_id, rule, transition, channel, reason, attempts, at) values (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String RECENT = "select key, alert_id, rule, transition, channel, reason, attempts, at"
            + " from notice_dead_letter order by at desc, id desc limit ?";

    private final DataSource dataSource;

    public PostgresNoticeDeadLetters(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void record(Letter letter) {
        Objects.requireNonNull(letter, "letter");
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, letter.key());
            insert.setLong(2, letter.alertId());
            insert.setString(3, letter.rule());
            insert.setString(4, letter.transition().name());
            insert.setString(5, letter.channel());
            insert.setString(6, letter.reason());
            insert.setInt(7, letter.attempts());
            SqlTimes.set(insert, 8, letter.at());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable("cannot keep a notice dead letter (" + letter.channel() + ")", e);
        }
    }

    /** The newest letters first (by the time the channel gave up), at most {@code limit}. */
    public List<Letter> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return Queries.list(
                dataSource,
                "cannot read notice dead letters",
                RECENT,
                query -> query.setInt(1, limit),
                rows -> new Letter(
                        rows.getString("key"),
                        rows.getLong("alert_id"),
                        rows.getString("rule"),
                        AlertTransition.valueOf(rows.getString("transition")),
                        rows.getString("channel"),
                        rows.getString("reason"),
                        rows.getInt("attempts"),
                        SqlTimes.get(rows, "at")));
    }
}
