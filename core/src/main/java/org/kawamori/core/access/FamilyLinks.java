package org.kawamori.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.alert.Audience.FamilyId;

/**
 * Per-family links (a secret in the URL fragment of {@code /family.html#link=…}) that open a family
 * session without a password, for guardians without an account. Stored only as a hash; each can be
 * revoked, which also ends the sessions opened through it.
 */
public interface FamilyLinks {

    /** Issues a link for a registered family ({@link IllegalArgumentException} otherwise). */
    Issued issue(FamilyId family, Instant expiresAt, String by, Instant now);

    /** The family member the link stands for, while it is neither revoked nor expired. */
    Optional<Resolved> resolve(String token, Instant now);

    /** Revokes one link of the family; false when the family has no such link. */
    boolean revoke(FamilyId family, long linkId, String by, Instant now);

    /** The family's links (without their secrets), newest first. */
    List<Link> list(FamilyId family);

    /** A new link's id and secret: the secret is shown once. */
    record Issued(long id, String token, Instant expiresAt) {
        public Issued {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "Issued[" + id + ", redacted]";
        }
    }

    /** A valid link: its id (for the session) and who it logs in. */
    record Resolved(long id, Principal.FamilyMember member) {}

    /** A stored link without its secret. */
    record Link(long id, Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt, String createdBy) {}
}
