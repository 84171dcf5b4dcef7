package org.kawamori.mapweb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.kawamori.core.security.PasswordHash;

/**
 * One admin bearer token, known only by its {@link PasswordHash} (PBKDF2). Verifying costs a slow hash,
 * so a success is remembered for a while as a SHA-256 of the token (never the token); comparisons are
 * constant-time. A wrong token costs a full hash every time (and does not evict the remembered one).
 */
public final class AdminTokenAuth implements AdminAuth {

    /** The name of the caller in logs and in the audit log. */
    public static final String CALLER = "admin-token";

    public static final Duration DEFAULT_CACHE_TIME = Duration.ofMinutes(5);

    /** A token given in clear must be at least this long (e.g. {@code openssl rand -base64 32}). */
    public static final int MIN_TOKEN_LENGTH = 16;

    private record Remembered(byte[] digest, Instant until) {}

    private final String hash;
    private final Duration cacheTime;
    private final Clock clock;
    private volatile Remembered remembered;

    private AdminTokenAuth(String hash, Duration cacheTime, Clock clock) {
        this.hash = hash;
        this.cacheTime = cacheTime;
        this.clock = clock;
    }

    /**
     * The token whose hash this is ({@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, as {@code
     * java -jar kawamori.jar registry hash-token} prints it).
     *
     * @throws IllegalArgumentException when it is not such a hash (the message never quotes it)
     */
    public static AdminTokenAuth ofHash(String passwordHash) {
        return ofHash(passwordHash, DEFAULT_CACHE_TIME, Clock.systemUTC());
    }

    public static AdminTokenAuth ofHash(String passwordHash, Duration cacheTime, Clock clock) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        String stripped = passwordHash.strip();
        String[] parts = stripped.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256") || !parts[1].matches("[0-9]{1,8}")) {
            throw new IllegalArgumentException(
                    "the admin token hash is not a pbkdf2-sha256$<iterations>$<salt>$<hash> value");
        }
        return new AdminTokenAuth(stripped, cacheTime, clock);
    }

    /**
     * A token given in clear, hashed here at once (the clear token is not kept); the caller may wipe
     * {@code token} afterwards.
     *
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_TOKEN_LENGTH}
     */
    public static AdminTokenAuth ofToken(char[] token) {
        Objects.requireNonNull(token, "token");
        if (token.length < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(
                    "the admin token must have at least " + MIN_TOKEN_LENGTH + " characters");
        }
        return new AdminTokenAuth(PasswordHash.hash(token), DEFAULT_CACHE_TIME, Clock.systemUTC());
    }

    /** Blocking (PBKDF2) unless the token was verified within the cache time. */
    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(bearerToken);
        Instant now = clock.instant();
        Remembered r = remembered;
        if (r != null && now.isBefore(r.until()) && MessageDigest.isEqual(r.digest(), digest)) {
            return Optional.of(new Caller(CALLER));
        }
        char[] chars = bearerToken.toCharArray();
        boolean ok;
        try {
            ok = PasswordHash.verify(chars, hash);
        } finally {
            Arrays.fill(chars, '\0');
        }
        if (ok) {
            remembered = new Remembered(digest, now.plus(cacheTime));
            return Optional.of(new Caller(CALLER));
        }
        return Optional.empty();
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    @Override
    public String toString() {
        return "AdminTokenAuth[****]";
    }
}
