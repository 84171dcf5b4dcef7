package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * The {@code device_state} table: last seen and expected next report per device. An update with an
 * older {@code lastSeen} than the stored one (a late redelivery) changes nothing.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}; a state of an unregistered
 * device is refused with {@link IllegalArgumentException}.
 */
public final class DeviceStateStore {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final String UPSERT =
            "insert into device_state (device_id, last_seen, expected_next, reporting_mode) values (?, ?, ?, ?)"
                    + " on conflict (device_id) do update set last_seen = excluded.last_seen,"
                    + " expected_next = excluded.expected_next, reporting_mode = excluded.reporting_mode"
                    + " where device_state.last_seen is null or excluded.last_seen is null"
                    + " or excluded.last_seen >= device_state.last_seen";

    private static final String SELECT =
            "select last_seen, expected_next, reporting_mode from device_state where device_id = ?";

    private final DataSource dataSource;

    public DeviceStateStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stores the state unless the stored one was seen later.
     *
     * @return whether the row was written
     */
    public boolean upsert(DeviceState state) {
        Objects.requireNonNull(state, "state");
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setString(1, state.device().value());
            setTime(upsert, 2, state.lastSeen());
            setTime(upsert, 3, state.expectedNext());
            upsert.setString(4, state.reportingMode());
            return upsert.executeUpdate() > 0;
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalArgumentException("unknown device " + state.device(), e);
            }
            throw Failures.unavailable("cannot store the state of " + state.device(), e);
        }
    }

    /** The stored state of {@code device}, or empty. */
    public Optional<DeviceState> find(DeviceId device) {
        Objects.requireNonNull(device, "device");
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(SELECT)) {
            query.setString(1, device.value());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DeviceState(
                        device,
                        SqlTimes.get(rows, "last_seen"),
                        SqlTimes.get(rows, "expected_next"),
                        rows.getString("reporting_mode")));
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot read the state of " + device, e);
        }
    }

    private static void setTime(PreparedStatement statement, int index, java.time.Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            SqlTimes.set(statement, index, time);
        }
    }
}
