package org.kawamori.deploy;

/** Hides secrets in text that is printed or logged. */
public final class Secrets {

    private Secrets() {}

    /** Masks {@code password=...} in a JDBC URL and the password of {@code user:password@} forms. */
    public static String maskUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("(//[^:/@]+:)[^@/]*@", "$1****@");
    }
}
