package org.kawamori.core;

/**
 * What kind of BLE gateway hears tags. A fixed detector has a registered position; a moving one (a
 * city vehicle, a volunteer's phone) reports its own position with each batch.
 */
public enum GatewayKind {
    /** Mounted on a street camera, a public building: its registered position is where it hears. */
    FIXED,
    /** On a city vehicle or a postal bike: reports its position and accuracy. */
    VEHICLE,
    /**
     * A volunteer's smartphone running the city app: reports its position; its identity is used to
     * authenticate the batch and is never stored with the detections (finder anonymity).
     */
    PHONE;

    public boolean moves() {
        return this != FIXED;
    }
}
