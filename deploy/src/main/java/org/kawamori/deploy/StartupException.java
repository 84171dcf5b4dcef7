package org.kawamori.deploy;

/** A start-up problem the user can fix (a taken port, a bad option); printed without a stack trace. */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
