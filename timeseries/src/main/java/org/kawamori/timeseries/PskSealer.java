package org.kawamori.timeseries;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kawamori.core.DeviceId;

/**
 * Seals device PSKs with AES-256-GCM under a master key that is kept outside the database. The
 * device id is the associated data: a sealed key only opens for the device it was sealed for.
 */
public final class PskSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private PskSealer(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the PSK master key must be 32 bytes (256 bits)");
        }
        this.key = new SecretKeySpec(masterKey, "AES");
    }

    /** From base64 (e.g. {@code KAWAMORI_PSK_MASTER_KEY}; make one with {@code openssl rand -base64 32}). */
    public static PskSealer fromBase64(String masterKey) {
        Objects.requireNonNull(masterKey, "masterKey");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(masterKey.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PSK master key is not base64");
        }
        try {
            return new PskSealer(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A new random master key, base64. */
    public static String newMasterKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    record Sealed(byte[] nonce, byte[] ciphertext) {}

    Sealed seal(DeviceId device, byte[] psk) {
        return seal(device.value(), psk);
    }

    /** Seals for the holder named by {@code associatedData} (a sensor's id, {@code gateway:<id>}). */
    Sealed seal(String associatedData, byte[] psk) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(nonce, cipher.doFinal(psk));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws GeneralSecurityException when the key, the device or the bytes do not match */
    byte[] open(DeviceId device, byte[] nonce, byte[] ciphertext) throws GeneralSecurityException {
        return open(device.value(), nonce, ciphertext);
    }

    byte[] open(String associatedData, byte[] nonce, byte[] ciphertext) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(ciphertext);
    }

    @Override
    public String toString() {
        return "PskSealer[****]";
    }
}
