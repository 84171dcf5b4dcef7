package org.kawamori.timeseries;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string form {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (salt and hash in unpadded base64). A hash is verified
 * with the parameters written in it, so the parameters can be raised later: {@link #needsRehash} tells
 * when a stored hash is weaker than this hasher's. The password is hashed as UTF-8; the bytes are
 * wiped afterwards. Thread-safe.
 */
public final class Argon2Passwords {

    /** $argon2id$v=19$m=<kib>,t=<iterations>,p=<lanes>$<salt>$<hash> */
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /** Parameters read back from a stored hash are accepted only up to these (a crafted row cannot exhaust memory). */
    private static final int MAX_MEMORY_KIB = 1 << 21;

    private static final int MAX_ITERATIONS = 64;

    private static final int MAX_PARALLELISM = 16;

    /**
     * The cost of a new hash.
     *
     * @param memoryKib memory in KiB (m)
     * @param iterations passes over the memory (t)
     * @param parallelism lanes (p)
     * @param saltBytes length of the random salt
     * @param hashBytes length of the hash
     */
    public record Parameters(int memoryKib, int iterations, int parallelism, int saltBytes, int hashBytes) {

        /** OWASP's recommendation (Password Storage Cheat Sheet): 19 MiB, 2 iterations, 1 lane. */
        public static final Parameters OWASP = new Parameters(19_456, 2, 1, 16, 32);

        public Parameters {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM);
            }
            if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("memory must be 8 KiB per lane .. " + MAX_MEMORY_KIB + " KiB");
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS);
            }
            if (saltBytes < 16 || saltBytes > 64 || hashBytes < 16 || hashBytes > 64) {
                throw new IllegalArgumentException("salt and hash are 16..64 bytes");
            }
        }

        /** Whether a hash made with {@code other} costs at least as much as one made with these. */
        boolean coveredBy(Parameters other) {
            return other.memoryKib >= memoryKib
                    && other.iterations >= iterations
                    && other.parallelism >= parallelism
                    && other.hashBytes >= hashBytes
                    && other.saltBytes >= saltBytes;
        }
    }

    private final Parameters parameters;

    private final SecureRandom random = new SecureRandom();

    public Argon2Passwords(Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** With {@link Parameters#OWASP}. */
    public Argon2Passwords() {
        this(Parameters.OWASP);
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A new hash of the password with a fresh random salt. */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[parameters.saltBytes()];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, parameters, parameters.hashBytes());
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether the password is the one of the stored hash, compared in constant time. A stored value that
     * is not an Argon2id PHC string (or asks for more than this class accepts) verifies nothing.
     */
    public boolean verify(char[] password, String stored) {
        Objects.requireNonNull(password, "password");
        Optional<Stored> parsed = parse(stored);
        if (parsed.isEmpty()) {
            return false;
        }
        Stored s = parsed.get();
        byte[] computed = derive(password, s.salt(), s.parameters(), s.hash().length);
        return MessageDigest.isEqual(computed, s.hash());
    }

    /** Whether the stored hash should be replaced by a new one (malformed, or cheaper than this hasher's). */
    public boolean needsRehash(String stored) {
        return parse(stored).map(s -> !parameters.coveredBy(s.parameters())).orElse(true);
    }

    private record Stored(Parameters parameters, byte[] salt, byte[] hash) {}

    private static Optional<Stored> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            byte[] salt = B64_DECODER.decode(m.group(4));
            byte[] hash = B64_DECODER.decode(m.group(5));
            Parameters p = new Parameters(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    salt.length,
                    hash.length);
            return Optional.of(new Stored(p, salt, hash));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static byte[] derive(char[] password, byte[] salt, Parameters p, int length) {
        Argon2Parameters argon2 = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(argon2);
        byte[] utf8 = utf8(password);
        try {
            byte[] out = new byte[length];
            generator.generateBytes(utf8, out);
            return out;
        } finally {
            Arrays.fill(utf8, (byte) 0);
            argon2.clear();
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
