package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Quantity;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;
import org.kawamori.core.SensorState;
import org.kawamori.core.port.ReadingQueries;
import org.kawamori.core.port.ReadingStore;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings in the {@code reading} table. A quantity is stored by its SenML name ({@code level},
 * {@code depth}, {@code battery}); times at microsecond precision. A reading is identified by
 * (device, quantity, time): writing it again changes nothing, even with another value.
 */
public final class PostgresReadingStore implements ReadingStore, ReadingQueries {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresReadingStore.class);

    private static final String LATEST_STATES = latestStatesQuery();

    private static final String READINGS = "select device_id, municipality, time, quantity, value from reading"
            + " where device_id = ? and time >= ? and time < ? order by time, quantity limit ?";

    private final DataSource dataSource;
    private final CopyCommit<Reading> commit;

    public PostgresReadingStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.commit = new CopyCommit<>(dataSource, ReadingCopyTarget.INSTANCE);
    }

    /**
     * Stores the readings in one transaction, at once (the {@link BatchedWriter} shares transactions
     * between messages instead).
     *
     * @return how many were new
     * @throws StoreUnavailableException when they cannot be committed now (database down); then none
     *     of them is stored
     * @throws org.kawamori.core.port.StoreRefusedException when the database refuses them for good (a
     *     device unknown to the table, a value its column cannot hold); then none of them is stored
     */
    @Override
    public int append(List<Reading> readings) {
        Objects.requireNonNull(readings, "readings");
        CopyCommit.Outcome outcome = commit.commit(List.of(readings)).get(0);
        if (outcome.refused()) {
            throw outcome.refusal();
        }
        LOG.debug("stored {} of {} reading(s)", outcome.fresh(), readings.size());
        return outcome.fresh();
    }

    /** Every registered sensor (enabled or not, ordered by id) with its latest primary reading. */
    @Override
    public List<SensorState> latestStates() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(LATEST_STATES)) {
            int index = 1;
            for (SensorKind kind : SensorKind.values()) {
                query.setString(index++, kind.name());
                query.setString(index++, kind.primaryQuantity().senmlName());
            }
            List<SensorState> states = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Sensor sensor = DeviceRows.sensor(rows);
                    Optional<Reading> latest = Optional.empty();
                    Instant time = SqlTimes.get(rows, "r_time");
                    if (time != null) {
                        latest = Optional.of(new Reading(
                                sensor.id(),
                                MunicipalityCode.of(rows.getString("r_municipality")),
                                time,
                                sensor.kind().primaryQuantity(),
                                rows.getDouble("r_value")));
                    }
                    states.add(new SensorState(sensor, latest));
                }
            }
            return states;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot read the latest states", e);
        }
    }

    /**
     * One query for all sensors: a lateral subquery takes the newest row of each sensor's primary
     * quantity from the primary key index. The kind-to-quantity mapping comes from {@link SensorKind}
     * and is bound as parameters.
     */
    private static String latestStatesQuery() {
        StringBuilder primary = new StringBuilder("case d.kind");
        for (int i = 0; i < SensorKind.values().length; i++) {
            primary.append(" when ? then ?");
        }
        primary.append(" end");
        return "select " + DeviceRows.COLUMNS + ", r.time as r_time, r.municipality as r_municipality,"
                + " r.value as r_value from device d left join lateral (select time, municipality, value"
                + " from reading where device_id = d.id and quantity = " + primary
                + " order by time desc limit 1) r on true order by d.id";
    }

    /** The readings of all quantities of one sensor with {@code from <= time < to}, oldest first. */
    @Override
    public List<Reading> readings(DeviceId device, Instant from, Instant to, int limit) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (limit == 0 || !from.isBefore(to)) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(READINGS)) {
            query.setString(1, device.value());
            SqlTimes.setBound(query, 2, from);
            SqlTimes.setBound(query, 3, to);
            query.setInt(4, limit);
            List<Reading> readings = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString("quantity");
                    Optional<Quantity> quantity = Quantity.bySenmlName(name);
                    if (quantity.isEmpty()) {
                        LOG.warn("skipping a reading of {} with unknown quantity '{}'", device, name);
                        continue;
                    }
                    readings.add(new Reading(
                            device,
                            MunicipalityCode.of(rows.getString("municipality")),
                            SqlTimes.get(rows, "time"),
                            quantity.get(),
                            rows.getDouble("value")));
                }
            }
            return readings;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot read the readings of " + device, e);
        }
    }
}
