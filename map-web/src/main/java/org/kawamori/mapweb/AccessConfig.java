package org.kawamori.mapweb;

import java.time.Duration;
import java.util.Objects;
import org.kawamori.core.access.Role;

/**
 * How logins and sessions behave.
 *
 * @param officerSession how long an officer's session lasts, by default {@value #DEFAULT_OFFICER_HOURS} h
 *     (a typhoon night without logging in again)
 * @param familySession how long a guardian's session lasts, by default {@value #DEFAULT_FAMILY_DAYS} days
 * @param adminSession how long an administrator's session lasts, by default {@value #DEFAULT_ADMIN_HOURS} h
 * @param secureCookie whether the session cookie is {@code Secure} (only over HTTPS): on in production
 *     behind TLS, off for the loopback demo
 * @param maxFailures failed logins per login name or per client address within {@code failureWindow}
 *     before further attempts are refused with 429, by default {@value #DEFAULT_MAX_FAILURES}
 * @param failureWindow by default {@value #DEFAULT_FAILURE_WINDOW_MINUTES} min
 */
public record AccessConfig(
        Duration officerSession,
        Duration familySession,
        Duration adminSession,
        boolean secureCookie,
        int maxFailures,
        Duration failureWindow) {

    public static final int DEFAULT_OFFICER_HOURS = 12;
    public static final int DEFAULT_FAMILY_DAYS = 30;
    public static final int DEFAULT_ADMIN_HOURS = 1;
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final int DEFAULT_FAILURE_WINDOW_MINUTES = 15;

    public AccessConfig {
        positive(officerSession, "officerSession");
        positive(familySession, "familySession");
        positive(adminSession, "adminSession");
        positive(failureWindow, "failureWindow");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
    }

    public static AccessConfig defaults() {
        return new AccessConfig(
                Duration.ofHours(DEFAULT_OFFICER_HOURS),
                Duration.ofDays(DEFAULT_FAMILY_DAYS),
                Duration.ofHours(DEFAULT_ADMIN_HOURS),
                false,
                DEFAULT_MAX_FAILURES,
                Duration.ofMinutes(DEFAULT_FAILURE_WINDOW_MINUTES));
    }

    public AccessConfig withSecureCookie(boolean secure) {
        return new AccessConfig(officerSession, familySession, adminSession, secure, maxFailures, failureWindow);
    }

    Duration lifetime(Role role) {
        return switch (role) {
            case OFFICER -> officerSession;
            case FAMILY -> familySession;
            case ADMIN -> adminSession;
            case PUBLIC -> throw new IllegalArgumentException("the public has no session");
        };
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
