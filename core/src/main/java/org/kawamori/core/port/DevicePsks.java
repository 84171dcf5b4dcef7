package org.kawamori.core.port;

import java.util.Optional;
import org.kawamori.core.DeviceId;

/**
 * The pre-shared keys of the devices that send over CoAP with DTLS 1.2 (PSK cipher suites). The PSK
 * identity a device presents in the handshake is its device id.
 *
 * <p>Unlike {@link DeviceCredentials}, which only verifies a password against a hash, DTLS needs the
 * key itself on both sides to derive the session keys, so a PSK cannot be stored as a hash. A
 * production store must therefore keep the keys encrypted at rest (e.g. under a key held outside the
 * database) and decrypt one only when it is asked for it here.
 */
public interface DevicePsks {

    /**
     * The key of this device, or empty when the device has none (unknown or not provisioned for
     * DTLS), in which case its handshake fails. Each call returns a fresh array that the caller owns
     * and wipes after use.
     */
    Optional<byte[]> pskOf(DeviceId device);
}
