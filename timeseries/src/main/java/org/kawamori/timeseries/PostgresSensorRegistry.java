package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.DeviceCredentials;
import org.kawamori.core.port.SensorRegistry;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.core.security.PasswordHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered sensors and their MQTT passwords, in the {@code device} table. Nothing is cached
 * here: every call reads the table. The ingest path looks sensors up through {@link
 * CachedSensorRegistry}, which {@link RegistryChanges} empties on every committed change. Passwords
 * are stored only as {@link PasswordHash} hashes.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}; a sensor in a municipality
 * that is not in the {@code municipality} table is refused with {@link IllegalArgumentException}.
 */
public final class PostgresSensorRegistry implements SensorRegistry, DeviceCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSensorRegistry.class);

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final String SELECT = "select " + DeviceRows.COLUMNS + " from device d";

    private static final String UPSERT = "insert into device"
            + " (id, municipality, kind, name, lat, lon, experimental, enabled, mqtt_password_hash)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (id) do update set municipality = excluded.municipality, kind = excluded.kind,"
            + " name = excluded.name, lat = excluded.lat, lon = excluded.lon,"
            + " experimental = excluded.experimental, enabled = excluded.enabled,"
            + " mqtt_password_hash = coalesce(excluded.mqtt_password_hash, device.mqtt_password_hash),"
            + " updated_at = now() returning (xmax = 0)";

    private final DataSource dataSource;
    private final int hashIterations;

    /** A registry that hashes new passwords with {@link PasswordHash#DEFAULT_ITERATIONS}. */
    public PostgresSensorRegistry(DataSource dataSource) {
        this(dataSource, PasswordHash.DEFAULT_ITERATIONS);
    }

    /**
     * A registry that hashes new passwords with {@code hashIterations} PBKDF2 iterations (tests, small
     * machines). Stored hashes name their own iteration count, so verifying works either way.
     */
    public PostgresSensorRegistry(DataSource dataSource, int hashIterations) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (hashIterations < 1) {
            throw new IllegalArgumentException("hashIterations must be positive");
        }
        this.hashIterations = hashIterations;
    }

    @Override
    public Optional<Sensor> findSensor(DeviceId id) {
        Objects.requireNonNull(id, "id");
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(SELECT + " where d.id = ?")) {
            query.setString(1, id.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(DeviceRows.sensor(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot look up sensor " + id, e);
        }
    }

    /** Every registered sensor, enabled or not, ordered by id. */
    @Override
    public List<Sensor> sensors() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(SELECT + " order by d.id");
                ResultSet rows = query.executeQuery()) {
            List<Sensor> sensors = new ArrayList<>();
            while (rows.next()) {
                sensors.add(DeviceRows.sensor(rows));
            }
            return sensors;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot list sensors", e);
        }
    }

    /** True only for an enabled device with a stored hash that {@code secret} matches. */
    @Override
    public boolean verify(DeviceId device, char[] secret) {
        if (device == null || secret == null) {
            return false;
        }
        String hash;
        try (Connection c = dataSource.getConnection();
                PreparedStatement query =
                        c.prepareStatement("select enabled, mqtt_password_hash from device where id = ?")) {
            query.setString(1, device.value());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || !rows.getBoolean("enabled")) {
                    return false;
                }
                hash = rows.getString("mqtt_password_hash");
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot check the credentials of " + device, e);
        }
        return hash != null && PasswordHash.verify(secret, hash);
    }

    /**
     * Registers a sensor, or updates everything about it when its id is already registered. With a
     * password, its hash replaces the stored one; without, the stored hash is kept. The caller may
     * clear the password array afterwards.
     *
     * @throws IllegalArgumentException when the sensor's municipality is unknown to the database
     */
    public void register(Sensor sensor, Optional<char[]> mqttPassword) {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(mqttPassword, "mqttPassword");
        // hash before taking a connection: hashing is deliberately slow
        String hash = mqttPassword.map(this::hash).orElse(null);
        try (Connection c = dataSource.getConnection()) {
            upsert(c, sensor, hash);
        } catch (SQLException e) {
            throw registerFailure(sensor, e);
        }
        logRegistered(sensor, hash != null);
    }

    String hash(char[] password) {
        return PasswordHash.hash(password, hashIterations);
    }

    /** The upsert of {@link #register} on the caller's connection (and transaction); true when new. */
    static boolean upsert(Connection c, Sensor sensor, String hash) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setString(1, sensor.id().value());
            upsert.setString(2, sensor.municipality().value());
            upsert.setString(3, sensor.kind().name());
            upsert.setString(4, sensor.name());
            upsert.setDouble(5, sensor.location().latitude());
            upsert.setDouble(6, sensor.location().longitude());
            upsert.setBoolean(7, sensor.experimental());
            upsert.setBoolean(8, sensor.enabled());
            upsert.setString(9, hash);
            try (ResultSet inserted = upsert.executeQuery()) {
                inserted.next();
                return inserted.getBoolean(1);
            }
        }
    }

    static RuntimeException registerFailure(Sensor sensor, SQLException e) {
        if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
            return new IllegalArgumentException(
                    "sensor " + sensor.id() + ": municipality " + sensor.municipality() + " is not known", e);
        }
        return Failures.unavailable("cannot register sensor " + sensor.id(), e);
    }

    static void logRegistered(Sensor sensor, boolean newPassword) {
        LOG.info(
                "registered sensor {} ({}, {}, {}{})",
                sensor.id(),
                sensor.kind(),
                sensor.municipality(),
                sensor.enabled() ? "enabled" : "disabled",
                newPassword ? ", new MQTT password" : "");
    }

    /**
     * Enables or disables a registered device. A disabled device fails {@link #verify} and its
     * messages are refused, but its sensor and readings stay.
     *
     * @throws IllegalArgumentException when no device has this id
     */
    public void setEnabled(DeviceId device, boolean enabled) {
        Objects.requireNonNull(device, "device");
        int changed;
        try (Connection c = dataSource.getConnection();
                PreparedStatement update =
                        c.prepareStatement("update device set enabled = ?, updated_at = now() where id = ?")) {
            update.setBoolean(1, enabled);
            update.setString(2, device.value());
            changed = update.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable("cannot change device " + device, e);
        }
        if (changed == 0) {
            throw new IllegalArgumentException("no device " + device + " is registered");
        }
        LOG.info("device {} {}", device, enabled ? "enabled" : "disabled");
    }
}
