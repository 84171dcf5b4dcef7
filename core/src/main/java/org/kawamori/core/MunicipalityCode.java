package org.kawamori.core;

import java.util.Objects;

/**
 * A municipality named by its 6-digit local government code (全国地方公共団体コード), e.g. {@code 282103}
 * for Kakogawa City. The sixth digit is a check digit over the first five (weights 6,5,4,3,2, modulus
 * 11); a code whose check digit does not match is refused, so a typo never names another city.
 */
public record MunicipalityCode(String value) {

    public MunicipalityCode {
        Objects.requireNonNull(value, "municipality code");
        if (!digits(value, 6)) {
            throw new IllegalArgumentException("municipality code must be 6 digits: " + value);
        }
        char expected = checkDigit(value);
        if (value.charAt(5) != expected) {
            throw new IllegalArgumentException(
                    "municipality code " + value + " has a wrong check digit (expected " + expected + ")");
        }
    }

    public static MunicipalityCode of(String value) {
        return new MunicipalityCode(value);
    }

    /** Completes a 5-digit code (as in the MLIT N03 boundary data) with its check digit. */
    public static MunicipalityCode fromFiveDigits(String fiveDigits) {
        if (fiveDigits == null || !digits(fiveDigits, 5)) {
            throw new IllegalArgumentException("expected 5 digits: " + fiveDigits);
        }
        return new MunicipalityCode(fiveDigits + checkDigit(fiveDigits));
    }

    /** Whether {@code value} is a code this record accepts (checked on every message: no exceptions). */
    public static boolean isValid(String value) {
        return value != null && digits(value, 6) && value.charAt(5) == checkDigit(value);
    }

    private static boolean digits(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The check digit over the first five digits of {@code fiveDigits}. */
    private static char checkDigit(String fiveDigits) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (fiveDigits.charAt(i) - '0') * (6 - i);
        }
        int digit = (11 - sum % 11) % 10;
        return (char) ('0' + digit);
    }

    @Override
    public String toString() {
        return value;
    }
}
