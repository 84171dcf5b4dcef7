package org.kawamori.core.port;

/** The store could not commit now (down, overloaded). The caller must not acknowledge the data. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
