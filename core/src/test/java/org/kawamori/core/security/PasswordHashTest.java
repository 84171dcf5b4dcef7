package org.kawamori.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void theRightSecretVerifiesAndAWrongOneDoesNot() {
        String stored = PasswordHash.hash("demo-secret".toCharArray(), 1_000);
        assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain("demo-secret");
        assertThat(PasswordHash.verify("demo-secret".toCharArray(), stored)).isTrue();
        assertThat(PasswordHash.verify("demo-secreT".toCharArray(), stored)).isFalse();
    }

    @Test
    void theSameSecretHashesDifferentlyEachTime() {
        assertThat(PasswordHash.hash("x".toCharArray(), 1_000))
                .isNotEqualTo(PasswordHash.hash("x".toCharArray(), 1_000));
    }

    @Test
    void malformedStoredValuesNeverVerify() {
        assertThat(PasswordHash.verify("x".toCharArray(), "plain")).isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), "pbkdf2-sha256$abc$AA$AA"))
                .isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), null)).isFalse();
    }
}
