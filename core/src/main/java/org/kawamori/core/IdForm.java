package org.kawamori.core;

/**
 * The form shared by device and tag ids: an ASCII letter or digit, then up to 63 more of those or of
 * the few punctuation characters the id allows. Checked character by character rather than with a
 * regular expression: every reading checks its sensor's id and every detection its tag's, and the
 * regex was a sixth of the routing threads' time in the detection benchmark.
 */
final class IdForm {

    static final int MAX_LENGTH = 64;

    private IdForm() {}

    /**
     * @param punctuation the characters allowed after the first one besides letters and digits
     */
    static boolean matches(String value, String punctuation) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH || !isAsciiLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && punctuation.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
