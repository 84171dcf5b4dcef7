package org.kawamori.core.port;

import java.util.Optional;
import org.kawamori.core.DeviceId;
import org.kawamori.core.Gateway;

/** The registered BLE gateways. */
public interface GatewayRegistry {

    Optional<Gateway> findGateway(DeviceId id);
}
