package org.kawamori.mapweb;

import java.util.Optional;

/**
 * Who may use the admin API ({@code /api/v1/admin/}). The check stands behind this interface so that
 * real users and roles (issue 6: public, family, officer, admin) can replace the one admin token of
 * {@link AdminTokenAuth}.
 */
public interface AdminAuth {

    /** An authenticated caller; {@code name} goes into the audit log and the log, never a secret. */
    record Caller(String name) {
        public Caller {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a caller needs a name");
            }
        }
    }

    /**
     * The caller a bearer token belongs to, or empty when it is not valid. May block (a slow hash, a
     * directory): the server calls it off the event loop.
     */
    Optional<Caller> authenticate(String bearerToken);
}
