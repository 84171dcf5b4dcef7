package org.kawamori.timeseries;

import java.sql.SQLException;
import org.kawamori.core.port.StoreUnavailableException;

/** Short, password-free descriptions of database failures for exceptions, logs and health details. */
final class Failures {

    private static final int MAX_DETAIL = 200;

    private Failures() {}

    static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException(what + ": " + describe(e), e);
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
