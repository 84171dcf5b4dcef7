package org.kawamori.simulators.play;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic randomness from a seed: a value is a hash of the seed and what it is for (a device id,
 * an instant), never the next draw of a shared generator, so any window of a scenario can be computed
 * alone and gives the same day.
 */
public final class Noise {

    private final long seed;

    public Noise(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A uniform value in [0, 1) for {@code key} and {@code n}. */
    public double uniform(String key, long n) {
        long h = mix(seed ^ mix(key.hashCode() * 0x9E3779B97F4A7C15L + n));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A uniform value in [lo, hi). */
    public double between(String key, long n, double lo, double hi) {
        return lo + (hi - lo) * uniform(key, n);
    }

    /**
     * A device's secret derived from the seed: a simulation's devices can be registered once and played
     * again later. Never use a simulator's seed for real devices.
     */
    public String secret(String deviceId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("kawamori-sim:" + seed + ":" + deviceId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 18);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
