package org.kawamori.core.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated fields, fields in double quotes may hold commas, line breaks and
 * doubled quotes. Lines may end in CRLF or LF; a UTF-8 byte order mark is skipped.
 */
public final class CsvRows {

    /** One record with the line it starts on. */
    public record Row(int line, List<String> fields) {}

    /** The text is no valid CSV; {@link #line()} is where the broken record starts. */
    public static final class MalformedCsvException extends IllegalArgumentException {
        private final int line;

        MalformedCsvException(int line, String problem) {
            super("line " + line + ": " + problem);
            this.line = line;
        }

        public int line() {
            return line;
        }

        /** The problem without its line number. */
        public String problem() {
            return getMessage().substring(getMessage().indexOf(": ") + 2);
        }
    }

    private CsvRows() {}

    /** @throws MalformedCsvException for a stray quote or a quoted field that is not closed */
    public static List<Row> parse(String text) {
        String input = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < input.length(); i++) {
            char ch = input.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < input.length() && input.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    if (field.length() > 0 || fieldWasQuoted) {
                        throw new MalformedCsvException(line, "a quote inside an unquoted field");
                    }
                    quoted = true;
                    fieldWasQuoted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                }
                case '\r' -> {
                    // the LF that follows ends the record
                }
                case '\n' -> {
                    fields.add(field.toString());
                    addUnlessBlank(rows, rowLine, fields);
                    fields = new ArrayList<>();
                    field.setLength(0);
                    fieldWasQuoted = false;
                    line++;
                    rowLine = line;
                }
                default -> field.append(ch);
            }
        }
        if (quoted) {
            throw new MalformedCsvException(rowLine, "a quoted field is not closed");
        }
        fields.add(field.toString());
        addUnlessBlank(rows, rowLine, fields);
        return rows;
    }

    private static void addUnlessBlank(List<Row> rows, int line, List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return;
        }
        rows.add(new Row(line, List.copyOf(fields)));
    }
}
