package org.kawamori.timeseries;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.DeviceId;
import org.kawamori.core.port.DevicePsks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS pre-shared keys in {@code device_psk}, sealed by {@link PskSealer}. Only enabled devices
 * get their key; a key that does not open (another master key, a row copied to another device) is
 * logged and treated as absent, so that handshake fails.
 */
public final class PostgresDevicePsks implements DevicePsks {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDevicePsks.class);

    private static final String UPSERT = "insert into device_psk (device_id, nonce, sealed) values (?, ?, ?)"
            + " on conflict (device_id) do update set nonce = excluded.nonce, sealed = excluded.sealed,"
            + " updated_at = now()";

    private static final String SELECT =
            "select p.nonce, p.sealed from device_psk p join device d on d.id = p.device_id"
                    + " where p.device_id = ? and d.enabled";

    private final DataSource dataSource;
    private final PskSealer sealer;

    public PostgresDevicePsks(DataSource dataSource, PskSealer sealer) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
    }

    /**
     * Stores (or replaces) a device's key; the caller may wipe {@code psk} afterwards.
     *
     * @throws IllegalArgumentException when the device is not registered or the key is not 8..64 bytes
     */
    public void store(DeviceId device, byte[] psk) {
        Objects.requireNonNull(device, "device");
        if (psk.length < 8 || psk.length > 64) {
            throw new IllegalArgumentException("a PSK has 8 to 64 bytes");
        }
        PskSealer.Sealed sealed = sealer.seal(device, psk);
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setString(1, device.value());
            upsert.setBytes(2, sealed.nonce());
            upsert.setBytes(3, sealed.ciphertext());
            upsert.executeUpdate();
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
                throw new IllegalArgumentException("no device " + device + " is registered", e);
            }
            throw Failures.unavailable("cannot store the PSK of " + device, e);
        }
        LOG.info("stored a new DTLS key for device {}", device);
    }

    @Override
    public Optional<byte[]> pskOf(DeviceId device) {
        byte[] nonce;
        byte[] ciphertext;
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(SELECT)) {
            query.setString(1, device.value());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                nonce = rows.getBytes(1);
                ciphertext = rows.getBytes(2);
            }
        } catch (SQLException e) {
            LOG.warn("cannot read the DTLS key of {}: {}", device, Failures.describe(e));
            return Optional.empty();
        }
        try {
            return Optional.of(sealer.open(device, nonce, ciphertext));
        } catch (GeneralSecurityException e) {
            LOG.error("the DTLS key of {} does not open: another master key, or a row not sealed for it", device);
            return Optional.empty();
        } finally {
            Arrays.fill(ciphertext, (byte) 0);
        }
    }
}
