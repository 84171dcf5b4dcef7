package org.kawamori.timeseries;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.port.DevicePsks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS pre-shared keys of sensors ({@code device_psk}) and gateways ({@code gateway_psk}), sealed
 * by {@link PskSealer}. Only enabled devices get their key; a key that does not open (another master
 * key, a row copied to another device or table) is logged and treated as absent, so that handshake
 * fails. The PSK identity is the device id; should a sensor and a gateway of the same id both have a
 * key, neither is handed out (the identity is ambiguous).
 */
public final class PostgresDevicePsks implements DevicePsks {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDevicePsks.class);

    /** Whose key: the table, and the associated data a key is sealed with. */
    enum Holder {
        SENSOR(
                "insert into device_psk (device_id, nonce, sealed) values (?, ?, ?)"
                        + " on conflict (device_id) do update set nonce = excluded.nonce, sealed = excluded.sealed,"
                        + " updated_at = now()",
                "delete from device_psk where device_id = ?",
                ""),
        GATEWAY(
                "insert into gateway_psk (gateway_id, nonce, sealed) values (?, ?, ?)"
                        + " on conflict (gateway_id) do update set nonce = excluded.nonce, sealed = excluded.sealed,"
                        + " updated_at = now()",
                "delete from gateway_psk where gateway_id = ?",
                "gateway:");

        final String upsert;
        final String delete;
        private final String prefix;

        Holder(String upsert, String delete, String prefix) {
            this.upsert = upsert;
            this.delete = delete;
            this.prefix = prefix;
        }

        String associatedData(DeviceId device) {
            return prefix + device.value();
        }
    }

    private static final String SELECT = "select 'SENSOR', p.nonce, p.sealed from device_psk p"
            + " join device d on d.id = p.device_id where p.device_id = ? and d.enabled"
            + " union all select 'GATEWAY', p.nonce, p.sealed from gateway_psk p"
            + " join gateway g on g.id = p.gateway_id where p.gateway_id = ? and g.enabled";

    private final DataSource dataSource;
    private final PskSealer sealer;

    public PostgresDevicePsks(DataSource dataSource, PskSealer sealer) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /**
     * Stores (or replaces) a sensor's key; the caller may wipe {@code psk} afterwards.
     *
     * @throws IllegalArgumentException when the sensor is not registered or the key is not 8..64 bytes
     */
    public void store(DeviceId device, byte[] psk) {
        store(Holder.SENSOR, device, psk);
    }

    /**
     * Stores (or replaces) a gateway's key (for {@code coaps://…/g/{id}}); the caller may wipe it.
     *
     * @throws IllegalArgumentException when the gateway is not registered or the key is not 8..64 bytes
     */
    public void storeForGateway(DeviceId gateway, byte[] psk) {
        store(Holder.GATEWAY, gateway, psk);
    }

    /** Removes a sensor's key; false when it had none. */
    public boolean remove(DeviceId device) {
        return remove(Holder.SENSOR, device);
    }

    /** Removes a gateway's key; false when it had none. */
    public boolean removeForGateway(DeviceId gateway) {
        return remove(Holder.GATEWAY, gateway);
    }

    private void store(Holder holder, DeviceId device, byte[] psk) {
        Objects.requireNonNull(device, "device");
        if (psk.length < 8 || psk.length > 64) {
            throw new IllegalArgumentException("a PSK has 8 to 64 bytes");
        }
        PskSealer.Sealed sealed = sealer.seal(holder.associatedData(device), psk);
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement(holder.upsert)) {
            upsert.setString(1, device.value());
            upsert.setBytes(2, sealed.nonce());
            upsert.setBytes(3, sealed.ciphertext());
            upsert.executeUpdate();
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                throw new IllegalArgumentException(
                        "no " + holder.name().toLowerCase(Locale.ROOT) + " " + device + " is registered", e);
            }
            throw Failures.unavailable("cannot store the PSK of " + device, e);
        }
        LOG.info("stored a new DTLS key for {} {}", holder.name().toLowerCase(Locale.ROOT), device);
    }

    private boolean remove(Holder holder, DeviceId device) {
        return remove(dataSource, holder, device);
    }

    /** Removing a key needs no master key. */
    static boolean remove(DataSource dataSource, Holder holder, DeviceId device) {
        Objects.requireNonNull(device, "device");
        int removed;
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(holder.delete)) {
            delete.setString(1, device.value());
            removed = delete.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable("cannot remove the PSK of " + device, e);
        }
        if (removed > 0) {
            LOG.info("removed the DTLS key of {} {}", holder.name().toLowerCase(Locale.ROOT), device);
        }
        return removed > 0;
    }

    @Override
    public Optional<byte[]> pskOf(DeviceId device) {
        Holder holder;
        byte[] nonce;
        byte[] ciphertext;
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(SELECT)) {
            query.setString(1, device.value());
            query.setString(2, device.value());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                holder = Holder.valueOf(rows.getString(1));
                nonce = rows.getBytes(2);
                ciphertext = rows.getBytes(3);
                if (rows.next()) {
                    LOG.error("DTLS identity {} names a sensor and a gateway that both have a key: refused", device);
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            LOG.warn("cannot read the DTLS key of {}: {}", device, Failures.describe(e));
            return Optional.empty();
        }
        try {
            return Optional.of(sealer.open(holder.associatedData(device), nonce, ciphertext));
        } catch (GeneralSecurityException e) {
            LOG.error("the DTLS key of {} does not open: another master key, or a row not sealed for it", device);
            return Optional.empty();
        } finally {
            Arrays.fill(ciphertext, (byte) 0);
        }
    }
}
