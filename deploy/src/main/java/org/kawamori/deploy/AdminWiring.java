package org.kawamori.deploy;

import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.kawamori.mapweb.AdminAuth;
import org.kawamori.mapweb.AdminTokenAuth;
import org.kawamori.mapweb.MapWebServer;
import org.kawamori.timeseries.PostgresRegistryAdmin;
import org.kawamori.timeseries.PskSealer;
import org.kawamori.timeseries.RegistryChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the admin API of the map server on when an admin token is configured: {@value #TOKEN_HASH}
 * (its PBKDF2 hash, from {@code registry hash-token}) or {@value #TOKEN} (the token in clear, hashed at
 * start-up). Without either, the admin routes answer 404. Its registry changes empty this
 * instance's cached lookups at once ({@link RegistryChanges}).
 */
final class AdminWiring {

    private static final Logger LOG = LoggerFactory.getLogger(AdminWiring.class);

    static final String TOKEN_HASH = "KAWAMORI_ADMIN_TOKEN_HASH";
    static final String TOKEN = "KAWAMORI_ADMIN_TOKEN";

    private AdminWiring() {}

    /**
     * @param pskMasterKey seals the DTLS keys the API stores; without it, PUT psk answers 409
     * @return whether the admin API is on
     */
    static boolean attach(
            MapWebServer web,
            DataSource dataSource,
            RegistryChanges changes,
            Optional<String> pskMasterKey,
            Function<String, String> env) {
        Optional<AdminAuth> auth = auth(env);
        if (auth.isEmpty()) {
            LOG.info("admin API off: set {} (or {}) to turn it on", TOKEN_HASH, TOKEN);
            return false;
        }
        web.withAdmin(
                new PostgresRegistryAdmin(dataSource, pskMasterKey.map(PskSealer::fromBase64)).announcingTo(changes),
                auth.get());
        LOG.info(
                "admin API on at /api/v1/admin/ (bearer token from {}; DTLS keys {})",
                present(env, TOKEN_HASH) ? TOKEN_HASH : TOKEN,
                pskMasterKey.isPresent() ? "can be stored" : "cannot be stored: no master key");
        return true;
    }

    /** The admin token check the environment configures, if any. */
    static Optional<AdminAuth> auth(Function<String, String> env) {
        boolean hash = present(env, TOKEN_HASH);
        boolean clear = present(env, TOKEN);
        if (hash && clear) {
            throw new StartupException("set " + TOKEN_HASH + " or " + TOKEN + ", not both");
        }
        try {
            if (hash) {
                return Optional.of(AdminTokenAuth.ofHash(env.apply(TOKEN_HASH)));
            }
            if (clear) {
                return Optional.of(
                        AdminTokenAuth.ofToken(env.apply(TOKEN).strip().toCharArray()));
            }
        } catch (IllegalArgumentException e) {
            throw new StartupException((hash ? TOKEN_HASH : TOKEN) + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static boolean present(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value != null && !value.isBlank();
    }
}
