package org.kawamori.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, in the manner of Stripe's: header {@value #HEADER} with value
 * {@code t=<epoch seconds>,v1=<hex HMAC-SHA256>}, where the MAC is taken with the subscription's
 * secret (its UTF-8 bytes) over the ASCII timestamp, a dot, and the exact body bytes. A receiver
 * recomputes it, compares in constant time, and refuses a timestamp too far from its clock (replay).
 * More than one {@code v1} may be present while a secret is being rotated; one match is enough.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Kawamori-Signature";
    /** The default tolerance of {@link #verify} between the signed time and the receiver's clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {}

    /** The header value for a body sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, epochSeconds, body));
    }

    /** Whether {@code header} is a valid signature of {@code body} with {@code secret}, signed near {@code now}. */
    public static boolean verify(String header, String secret, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                return false;
            }
            if (kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (t == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = mac(secret, t, body);
        boolean match = false;
        for (String signature : signatures) {
            byte[] given;
            try {
                given = HexFormat.of().parseHex(signature);
            } catch (IllegalArgumentException e) {
                continue;
            }
            match |= MessageDigest.isEqual(expected, given);
        }
        return match;
    }

    private static byte[] mac(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
