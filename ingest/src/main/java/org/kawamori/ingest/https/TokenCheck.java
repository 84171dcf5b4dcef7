package org.kawamori.ingest.https;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kawamori.core.DeviceId;
import org.kawamori.core.port.DeviceCredentials;

/**
 * Checks a gateway's bearer token against its stored PBKDF2 hash, and remembers a success for a
 * while as a SHA-256 of the token (never the token), so a phone sending a batch every few seconds
 * costs one slow hash per period. A failed check forgets what was remembered for the gateway.
 */
final class TokenCheck {

    private record Remembered(byte[] digest, Instant until) {}

    private final DeviceCredentials credentials;
    private final Duration cacheTime;
    private final Clock clock;
    private final Map<DeviceId, Remembered> remembered = new ConcurrentHashMap<>();

    TokenCheck(DeviceCredentials credentials, Duration cacheTime, Clock clock) {
        this.credentials = credentials;
        this.cacheTime = cacheTime;
        this.clock = clock;
    }

    /** Blocking (PBKDF2): call off the event loop. */
    boolean verify(DeviceId gateway, String token) {
        byte[] digest = sha256(token);
        Instant now = clock.instant();
        Remembered r = remembered.get(gateway);
        if (r != null && now.isBefore(r.until()) && MessageDigest.isEqual(r.digest(), digest)) {
            return true;
        }
        boolean ok = credentials.verify(gateway, token.toCharArray());
        if (ok) {
            remembered.put(gateway, new Remembered(digest, now.plus(cacheTime)));
        } else {
            remembered.remove(gateway);
        }
        return ok;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
