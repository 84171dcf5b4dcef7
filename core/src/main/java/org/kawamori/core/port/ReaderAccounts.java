package org.kawamori.core.port;

import java.util.List;
import java.util.Optional;

/**
 * MQTT users that may only read, such as a family reading its own notices: the embedded broker lets
 * such a user subscribe to exactly the topics named here and publish nothing. Their user names carry a
 * kind prefix ({@code family:<id>}) so that they never collide with device ids.
 */
@FunctionalInterface
public interface ReaderAccounts {

    /**
     * @return the exact topics (no wildcards) this user may subscribe to when the secret is right;
     *     empty when the user is unknown, disabled or the secret wrong
     */
    Optional<List<String>> readableTopics(String user, char[] secret);

    static ReaderAccounts none() {
        return (user, secret) -> Optional.empty();
    }
}
