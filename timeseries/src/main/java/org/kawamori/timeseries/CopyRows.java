package org.kawamori.timeseries;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Rows in PostgreSQL's COPY text format: columns separated by tabs, rows ended by a newline,
 * {@code \N} for null, and backslash, tab, newline and carriage return escaped in text values.
 * Times are written in ISO 8601 UTC, truncated to the microsecond like {@link SqlTimes}.
 */
final class CopyRows {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;

    private final StringBuilder text;
    private boolean rowStarted;
    private int rows;

    CopyRows(int capacity) {
        this.text = new StringBuilder(capacity);
    }

    CopyRows text(String value) {
        if (value == null) {
            return nothing();
        }
        separate();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(ch);
            }
        }
        return this;
    }

    CopyRows time(Instant value) {
        separate();
        INSTANT.formatTo(value.truncatedTo(ChronoUnit.MICROS), text);
        return this;
    }

    /** A finite number; NaN (an unknown value) becomes null. */
    CopyRows number(double value) {
        if (Double.isNaN(value)) {
            return nothing();
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("infinite values cannot be stored");
        }
        separate();
        text.append(value);
        return this;
    }

    CopyRows integer(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows nothing() {
        separate();
        text.append("\\N");
        return this;
    }

    void endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
    }

    int rows() {
        return rows;
    }

    /** Characters written and not yet taken. */
    int length() {
        return text.length();
    }

    /** The rows written since the last call, as UTF-8; the buffer is emptied. */
    byte[] take() {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        return bytes;
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }
}
