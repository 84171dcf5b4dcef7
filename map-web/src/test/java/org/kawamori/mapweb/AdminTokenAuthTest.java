package org.kawamori.mapweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.kawamori.core.security.PasswordHash;

class AdminTokenAuthTest {

    private static final String TOKEN = "admin-token-0123456789abcdef";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T01:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void theRightTokenIsAcceptedAsTheAdminAndAWrongOrEmptyOneIsNot() {
        AdminTokenAuth auth = AdminTokenAuth.ofHash(PasswordHash.hash(TOKEN.toCharArray(), 1_000));

        assertThat(auth.authenticate(TOKEN)).contains(new AdminAuth.Caller("admin-token"));
        assertThat(auth.authenticate(TOKEN + "x")).isEmpty();
        assertThat(auth.authenticate("")).isEmpty();
        assertThat(auth.authenticate(null)).isEmpty();
    }

    @Test
    void aSuccessIsRememberedForTheCacheTimeOnlySoAFasterHashIsNotNeededMeanwhile() {
        // a hash that takes long: a remembered success must not pay it again
        AdminTokenAuth auth =
                AdminTokenAuth.ofHash(PasswordHash.hash(TOKEN.toCharArray(), 400_000), Duration.ofMinutes(5), clock);
        auth.authenticate(TOKEN);

        long start = System.nanoTime();
        assertThat(auth.authenticate(TOKEN)).isPresent();
        long rememberedNanos = System.nanoTime() - start;
        assertThat(auth.authenticate("wrong-token-0123456789")).isEmpty();
        assertThat(auth.authenticate(TOKEN))
                .as("a wrong token does not evict the remembered one")
                .isPresent();

        now.set(now.get().plus(Duration.ofMinutes(6)));
        start = System.nanoTime();
        assertThat(auth.authenticate(TOKEN)).isPresent();
        long hashedNanos = System.nanoTime() - start;

        assertThat(rememberedNanos).isLessThan(hashedNanos / 10);
    }

    @Test
    void aTokenInClearIsHashedAtOnceAndMustBeLongAndAMalformedHashIsRefusedWithoutQuotingIt() {
        char[] token = TOKEN.toCharArray();
        AdminTokenAuth auth = AdminTokenAuth.ofToken(token);

        assertThat(auth.authenticate(TOKEN)).isPresent();
        assertThat(auth.toString()).doesNotContain(TOKEN).doesNotContain("pbkdf2");
        assertThatThrownBy(() -> AdminTokenAuth.ofToken("too-short".toCharArray()))
                .hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> AdminTokenAuth.ofHash(TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(TOKEN);
    }
}
