package org.kawamori.core.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Login sessions, shared by every instance (so they live in the database): an opaque random token in an
 * HttpOnly cookie, stored only as its hash, with an absolute expiry and a CSRF token for the unsafe
 * methods. A session is valid only while its account is enabled, or its family link is not revoked.
 */
public interface Sessions {

    /** Opens a session for the principal (an account's, or a family link's with {@code linkId}). */
    Issued open(Principal principal, Optional<Long> linkId, Duration lifetime, Instant now);

    /** The session of a token, while it is valid at {@code now}. */
    Optional<Active> find(String token, Instant now);

    /** Ends the session (logout); an unknown token changes nothing. */
    void close(String token);

    /** Deletes the sessions that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);

    /** A new session: the token for the cookie and the CSRF token for the page. Never printed. */
    record Issued(String token, String csrfToken, Instant expiresAt) {
        public Issued {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(csrfToken, "csrfToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "Issued[redacted, expires " + expiresAt + "]";
        }
    }

    /** A valid session. */
    record Active(Principal principal, String csrfToken, Instant expiresAt) {
        public Active {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(csrfToken, "csrfToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "Active[" + principal.name() + ", expires " + expiresAt + "]";
        }
    }
}
