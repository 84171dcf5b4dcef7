package org.kawamori.timeseries;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of sessions and family links: 32 random bytes in base64url (43 characters), stored only
 * as the SHA-256 of the token's text. A token of that entropy needs no salt or slow hash: the stored
 * digest cannot be turned back into a working token.
 */
final class Tokens {

    /** Longer input is no token of ours: it is not even hashed. */
    static final int MAX_LENGTH = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {}

    /** A new random token. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The SHA-256 of the token's text, the form in which the database knows it. */
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether the text can be a token at all (non-empty, not absurdly long). */
    static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_LENGTH;
    }
}
