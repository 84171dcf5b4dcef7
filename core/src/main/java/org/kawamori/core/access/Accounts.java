package org.kawamori.core.access;

import java.util.List;
import java.util.Optional;

/**
 * The stored logins and their password hashes (a memory-hard hash; the store chooses it). Passwords are
 * given as {@code char[]} so callers can wipe them, and never logged. Served by the timeseries module.
 */
public interface Accounts {

    /**
     * The account whose login and password these are, when it is enabled. Takes as long for an unknown
     * login as for a wrong password (no login enumeration by timing). Blocks for a memory-hard hash
     * (about 0.1-0.2 s and 19 MiB with the defaults): call it off the event loop.
     */
    Optional<Account> authenticate(String login, char[] password);

    /**
     * Creates an account.
     *
     * @throws IllegalArgumentException when the login is taken, the municipality or family is not
     *     registered, or the password is shorter than {@link #MIN_PASSWORD_LENGTH}
     */
    void create(Account account, char[] password, String by);

    /** Sets a new password; {@link IllegalArgumentException} for an unknown login or a short password. */
    void setPassword(String login, char[] password, String by);

    /**
     * Enables or disables an account; disabling ends its sessions at once (their next request is
     * anonymous). {@link IllegalArgumentException} for an unknown login.
     */
    void setEnabled(String login, boolean enabled, String by);

    Optional<Account> find(String login);

    List<Account> list();

    /** Passwords shorter than this are refused. */
    int MIN_PASSWORD_LENGTH = 12;
}
