package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.ingest.DeadLetter;
import org.kawamori.core.ingest.RejectionReason;
import org.kawamori.core.ingest.Transport;
import org.kawamori.core.port.DeadLetterStore;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Refused messages in the {@code dead_letter} table, for operators. The reason is stored by its
 * stable {@link RejectionReason#code()}, the transport by its name.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}.
 */
public final class PostgresDeadLetterStore implements DeadLetterStore {

    private static final String INSERT = "insert into dead_letter"
            + " (received_at, transport, channel, claimed_device, reason, detail, payload, payload_size)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String RECENT = "select received_at, transport, channel, claimed_device, reason, detail,"
            + " payload, payload_size from dead_letter order by received_at desc, id desc limit ?";

    private final DataSource dataSource;

    public PostgresDeadLetterStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void record(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            SqlTimes.set(insert, 1, letter.receivedAt());
            insert.setString(2, letter.transport().name());
            insert.setString(3, letter.channel());
            insert.setString(4, letter.claimedDevice());
            insert.setString(5, letter.reason().code());
            insert.setString(6, letter.detail());
            insert.setBytes(7, letter.payloadPrefix());
            insert.setInt(8, letter.payloadSize());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable(
                    "cannot keep a dead letter (" + letter.reason().code() + ")", e);
        }
    }

    /** The newest dead letters first, at most {@code limit}. */
    public List<DeadLetter> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(RECENT)) {
            query.setInt(1, limit);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    letters.add(new DeadLetter(
                            SqlTimes.get(rows, "received_at"),
                            Transport.valueOf(rows.getString("transport")),
                            rows.getString("channel"),
                            rows.getString("claimed_device"),
                            reason(rows.getString("reason")),
                            rows.getString("detail"),
                            rows.getBytes("payload"),
                            rows.getInt("payload_size")));
                }
            }
            return letters;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot read dead letters", e);
        }
    }

    /** How many dead letters are kept. */
    public long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select count(*) from dead_letter");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw Failures.unavailable("cannot count dead letters", e);
        }
    }

    private static RejectionReason reason(String code) {
        return Arrays.stream(RejectionReason.values())
                .filter(r -> r.code().equals(code))
                .findFirst()
                .orElse(RejectionReason.PROCESSING_FAILED);
    }
}
