package org.kawamori.core.port;

import org.kawamori.core.DeviceId;

/** Checks a device's secret (MQTT password) against the stored hash. Secrets are never stored in clear. */
public interface DeviceCredentials {

    boolean verify(DeviceId device, char[] secret);
}
