package org.kawamori.timeseries;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.kawamori.core.port.StoreRefusedException;
import org.kawamori.core.port.StoreUnavailableException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

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

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint): retrying will not help. */
    static boolean isRefusal(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** 23505: a row with the same unique key exists. */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Like {@link #ofWrite}, for writes of rows that may be personal data. The server puts row values
     * into a failure's detail and context ("Key (tag_id)=(...)", "COPY detection, line 3: ..."), and a
     * data exception's message quotes the value, so a refusal keeps only the SQLSTATE and the names of
     * the constraint, table and column; an outage keeps the server's primary message. The original
     * exception is replaced by a copy without the values, so no stack trace can print them either.
     */
    static RuntimeException ofBulkWrite(String what, SQLException e) {
        String state = e.getSQLState();
        ServerErrorMessage server = serverMessage(e);
        if (isRefusal(e)) {
            List<String> names = new ArrayList<>();
            if (server != null) {
                addNamed(names, "constraint", server.getConstraint());
                addNamed(names, "table", server.getTable());
                addNamed(names, "column", server.getColumn());
            }
            String message = what + " refused by the database (SQLSTATE " + state
                    + (names.isEmpty() ? "" : ", " + String.join(", ", names)) + ")";
            return new StoreRefusedException(message, redactedCopy(message, e));
        }
        String reason = server != null && server.getMessage() != null
                ? server.getMessage()
                : e instanceof BatchUpdateException ? "the batch was aborted" : describe(e);
        String message = what + ": " + DatabaseConfig.maskPassword(reason) + " (SQLSTATE " + state + ")";
        return new StoreUnavailableException(message, redactedCopy(message, e));
    }

    /**
     * The server's error of a failure: its own, or for a JDBC batch (whose message quotes the failed
     * statement with its parameters) the first of its chained exceptions that has one.
     */
    private static ServerErrorMessage serverMessage(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage();
            }
        }
        return null;
    }

    private static void addNamed(List<String> names, String kind, String name) {
        if (name != null && !name.isBlank()) {
            names.add(kind + " " + name);
        }
    }

    private static SQLException redactedCopy(String message, SQLException e) {
        SQLException copy = new SQLException(message, e.getSQLState());
        copy.setStackTrace(e.getStackTrace());
        return copy;
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
