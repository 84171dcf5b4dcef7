package org.kawamori.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Argon2PasswordsTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    /** From the reference implementation: {@code echo -n "correct horse battery staple" | argon2 kawamori-salt-16 -id -t 2 -k 19456 -p 1 -l 32 -e}. */
    private static final String REFERENCE =
            "$argon2id$v=19$m=19456,t=2,p=1$a2F3YW1vcmktc2FsdC0xNg$v6vfEOKgfDXaai7dfiYIOIKNvxjw9fuj9gEcbPruzGI";

    private final Argon2Passwords passwords = new Argon2Passwords();

    @Test
    void aHashIsAnArgon2idPhcStringWithOwaspParameters() {
        assertThat(passwords.hash(PASSWORD))
                .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTimeAndVerifiesAgainstBoth() {
        String first = passwords.hash(PASSWORD);
        String second = passwords.hash(PASSWORD);

        assertThat(first).isNotEqualTo(second);
        assertThat(passwords.verify(PASSWORD, first)).isTrue();
        assertThat(passwords.verify(PASSWORD, second)).isTrue();
    }

    @Test
    void aHashOfTheReferenceImplementationVerifies() {
        assertThat(passwords.verify(PASSWORD, REFERENCE)).isTrue();
        assertThat(passwords.verify("correct horse battery stapler".toCharArray(), REFERENCE))
                .isFalse();
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        String hash = passwords.hash(PASSWORD);

        assertThat(passwords.verify("correct horse battery stapl".toCharArray(), hash))
                .isFalse();
        assertThat(passwords.verify(new char[0], hash)).isFalse();
    }

    @Test
    void aPasswordBeyondAsciiIsHashedAsUtf8() {
        char[] japanese = "かわもり・加古川・2026".toCharArray();
        String hash = passwords.hash(japanese);

        assertThat(passwords.verify(japanese, hash)).isTrue();
        assertThat(passwords.verify("かわもり・加古川・2027".toCharArray(), hash)).isFalse();
    }

    @Test
    void theParametersAreReadFromTheStoredHashSoTheyCanBeRaisedLater() {
        Argon2Passwords cheap = new Argon2Passwords(new Argon2Passwords.Parameters(1024, 1, 1, 16, 32));
        String old = cheap.hash(PASSWORD);

        assertThat(old).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(passwords.verify(PASSWORD, old))
                .as("verified with m=1024,t=1")
                .isTrue();
        assertThat(passwords.needsRehash(old)).isTrue();
        assertThat(passwords.needsRehash(passwords.hash(PASSWORD))).isFalse();
        assertThat(cheap.needsRehash(REFERENCE)).as("stronger than asked").isFalse();
    }

    @Test
    void aStoredValueThatIsNoArgon2idHashVerifiesNothing() {
        String hash = passwords.hash(PASSWORD);
        assertThat(passwords.verify(PASSWORD, null)).isFalse();
        assertThat(passwords.verify(PASSWORD, "")).isFalse();
        assertThat(passwords.verify(PASSWORD, hash.replace("$argon2id$", "$argon2i$")))
                .isFalse();
        assertThat(passwords.verify(PASSWORD, hash.replace("v=19", "v=16"))).isFalse();
        assertThat(passwords.verify(PASSWORD, hash.replace("m=19456", "m=99999999")))
                .as("more memory than accepted")
                .isFalse();
        assertThat(passwords.verify(PASSWORD, hash.substring(0, hash.length() - 1)))
                .isFalse();
        assertThat(passwords.needsRehash("$pbkdf2-sha256$i=1000$abc$def")).isTrue();
    }

    @Test
    void parametersBelowArgon2sMinimumAreRefused() {
        assertThatThrownBy(() -> new Argon2Passwords.Parameters(4, 2, 1, 16, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory");
        assertThatThrownBy(() -> new Argon2Passwords.Parameters(19_456, 0, 1, 16, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2Passwords.Parameters(19_456, 2, 1, 8, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("salt");
    }
}
