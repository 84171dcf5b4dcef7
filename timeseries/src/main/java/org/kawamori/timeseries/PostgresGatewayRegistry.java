package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;
import org.kawamori.core.GatewayKind;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.port.DeviceCredentials;
import org.kawamori.core.port.GatewayRegistry;
import org.kawamori.core.security.PasswordHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered BLE gateways and their secrets, in the {@code gateway} table. The secret (MQTT
 * password, HTTPS bearer token) is stored as a {@link PasswordHash} only. Nothing is cached.
 */
public final class PostgresGatewayRegistry implements GatewayRegistry, DeviceCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresGatewayRegistry.class);

    private static final String COLUMNS = "id, municipality, kind, lat, lon, enabled";

    private static final String UPSERT = "insert into gateway (id, municipality, kind, name, lat, lon, secret_hash,"
            + " enabled) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do update set"
            + " municipality = excluded.municipality, kind = excluded.kind, name = excluded.name,"
            + " lat = excluded.lat, lon = excluded.lon, enabled = excluded.enabled,"
            + " secret_hash = coalesce(excluded.secret_hash, gateway.secret_hash), updated_at = now()"
            + " returning (xmax = 0)";

    private final DataSource dataSource;
    private final int hashIterations;

    public PostgresGatewayRegistry(DataSource dataSource) {
        this(dataSource, PasswordHash.DEFAULT_ITERATIONS);
    }

    /** With {@code hashIterations} PBKDF2 iterations for new secrets (tests, small machines). */
    public PostgresGatewayRegistry(DataSource dataSource, int hashIterations) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (hashIterations < 1) {
            throw new IllegalArgumentException("hashIterations must be positive");
        }
        this.hashIterations = hashIterations;
    }

    @Override
    public Optional<Gateway> findGateway(DeviceId id) {
        Objects.requireNonNull(id, "id");
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select " + COLUMNS + " from gateway where id = ?")) {
            query.setString(1, id.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(gateway(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot look up gateway " + id, e);
        }
    }

    /** Every registered gateway, enabled or not, ordered by id. */
    public List<Gateway> gateways() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select " + COLUMNS + " from gateway order by id");
                ResultSet rows = query.executeQuery()) {
            List<Gateway> gateways = new ArrayList<>();
            while (rows.next()) {
                gateways.add(gateway(rows));
            }
            return gateways;
        } catch (SQLException e) {
            throw Failures.unavailable("cannot list gateways", e);
        }
    }

    /** True only for an enabled gateway with a stored hash that {@code secret} matches. */
    @Override
    public boolean verify(DeviceId id, char[] secret) {
        if (id == null || secret == null) {
            return false;
        }
        String hash;
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select enabled, secret_hash from gateway where id = ?")) {
            query.setString(1, id.value());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || !rows.getBoolean("enabled")) {
                    return false;
                }
                hash = rows.getString("secret_hash");
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot check the credentials of gateway " + id, e);
        }
        return hash != null && PasswordHash.verify(secret, hash);
    }

    /**
     * Registers a gateway, or updates it; with a secret its hash replaces the stored one, without the
     * stored hash is kept.
     *
     * @throws IllegalArgumentException when the municipality is unknown to the database
     */
    public void register(Gateway gateway, String name, Optional<char[]> secret) {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(secret, "secret");
        String hash = secret.map(this::hash).orElse(null);
        try (Connection c = dataSource.getConnection()) {
            upsert(c, gateway, name, hash);
        } catch (SQLException e) {
            throw registerFailure(gateway, e);
        }
        logRegistered(gateway, hash != null);
    }

    String hash(char[] secret) {
        return PasswordHash.hash(secret, hashIterations);
    }

    /** The upsert of {@link #register} on the caller's connection (and transaction); true when new. */
    static boolean upsert(Connection c, Gateway gateway, String name, String hash) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setString(1, gateway.id().value());
            upsert.setString(2, gateway.municipality().value());
            upsert.setString(3, gateway.kind().name());
            upsert.setString(4, name);
            if (gateway.position().isPresent()) {
                upsert.setDouble(5, gateway.position().get().latitude());
                upsert.setDouble(6, gateway.position().get().longitude());
            } else {
                upsert.setNull(5, Types.DOUBLE);
                upsert.setNull(6, Types.DOUBLE);
            }
            upsert.setString(7, hash);
            upsert.setBoolean(8, gateway.enabled());
            try (ResultSet inserted = upsert.executeQuery()) {
                inserted.next();
                return inserted.getBoolean(1);
            }
        }
    }

    static RuntimeException registerFailure(Gateway gateway, SQLException e) {
        if ("23503".equals(e.getSQLState())) {
            return new IllegalArgumentException(
                    "gateway " + gateway.id() + ": municipality " + gateway.municipality() + " is not known", e);
        }
        return Failures.unavailable("cannot register gateway " + gateway.id(), e);
    }

    static void logRegistered(Gateway gateway, boolean newSecret) {
        LOG.info(
                "registered gateway {} ({}, {}, {}{})",
                gateway.id(),
                gateway.kind(),
                gateway.municipality(),
                gateway.enabled() ? "enabled" : "disabled",
                newSecret ? ", new secret" : "");
    }

    /**
     * Enables or disables a gateway. A disabled gateway cannot log in and its batches are refused.
     *
     * @throws IllegalArgumentException when no gateway has this id
     */
    public void setEnabled(DeviceId id, boolean enabled) {
        Objects.requireNonNull(id, "id");
        int changed;
        try (Connection c = dataSource.getConnection();
                PreparedStatement update =
                        c.prepareStatement("update gateway set enabled = ?, updated_at = now() where id = ?")) {
            update.setBoolean(1, enabled);
            update.setString(2, id.value());
            changed = update.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable("cannot change gateway " + id, e);
        }
        if (changed == 0) {
            throw new IllegalArgumentException("no gateway " + id + " is registered");
        }
        LOG.info("gateway {} {}", id, enabled ? "enabled" : "disabled");
    }

    static Gateway gateway(ResultSet rows) throws SQLException {
        double lat = rows.getDouble("lat");
        Optional<GeoPoint> position =
                rows.wasNull() ? Optional.empty() : Optional.of(new GeoPoint(lat, rows.getDouble("lon")));
        return new Gateway(
                DeviceId.of(rows.getString("id")),
                MunicipalityCode.of(rows.getString("municipality")),
                GatewayKind.valueOf(rows.getString("kind")),
                position,
                rows.getBoolean("enabled"));
    }
}
