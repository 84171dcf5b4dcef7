package org.kawamori.routing;

/** Keeps text that came from a device harmless in a log line: no control characters, bounded length. */
final class Sanitize {

    private Sanitize() {}

    static String forLog(String text) {
        if (text == null) {
            return "-";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200) + "…";
    }
}
