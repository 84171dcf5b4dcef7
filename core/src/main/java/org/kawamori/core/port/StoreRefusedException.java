package org.kawamori.core.port;

/**
 * The store refused the data itself (a constraint, a value its columns cannot hold): trying again
 * will not help. The pipeline dead-letters such a message instead of leaving it unacknowledged, so
 * it cannot block a device's stream. The message names the constraint, never the data.
 */
public class StoreRefusedException extends RuntimeException {

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
