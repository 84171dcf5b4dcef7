package org.kawamori.timeseries;

import java.sql.SQLException;
import org.kawamori.core.port.StoreRefusedException;
import org.kawamori.core.port.StoreUnavailableException;

/** Short, password-free descriptions of database failures for exceptions, logs and health details. */
final class Failures {

    private static final int MAX_DETAIL = 200;

    private Failures() {}

    static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException(what + ": " + describe(e), e);
    }

    /**
     * What a failed write means for the caller: SQLSTATE class 22 (data exception) or 23 (integrity
     * constraint, e.g. a device unknown to the table) will fail again however often it is retried, so
     * it is a refusal; anything else (connection, server, timeouts) may pass: unavailable.
     */
    static RuntimeException ofWrite(String what, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            return new StoreRefusedException(
                    what + " refused by the database (SQLSTATE " + state + "): " + describe(e), e);
        }
        return unavailable(what, e);
    }

    /** The innermost message, first sentence, whitespace collapsed, passwords masked, at most 200 characters. */
    static String describe(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() == null
                ? innermost.getClass().getSimpleName()
                : innermost.getMessage().strip();
        int sentence = message.indexOf(". ");
        if (sentence > 0) {
            message = message.substring(0, sentence + 1);
        }
        message = DatabaseConfig.maskPassword(message.replaceAll("\\s+", " "));
        return message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL) + "…";
    }
}
