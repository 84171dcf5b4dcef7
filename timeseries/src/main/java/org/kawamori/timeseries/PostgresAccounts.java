package org.kawamori.timeseries;

import java.nio.CharBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.access.Account;
import org.kawamori.core.access.Accounts;
import org.kawamori.core.access.Logins;
import org.kawamori.core.access.Role;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.port.StoreUnavailableException;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link Accounts} in the {@code account} table (V8), passwords as Argon2id PHC strings ({@link
 * Argon2Passwords}). An unknown or malformed login is verified against a dummy hash of the same cost, so
 * the answer takes as long as for a wrong password. A hash cheaper than the hasher's parameters is
 * replaced at the next successful login. Every change is written to the {@code audit_log} in its
 * transaction (login and role, never the password or the family); a new password and disabling both
 * end the account's sessions.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException} without row values (the server
 * would quote the hash); a taken login or an unknown municipality or family as {@link
 * IllegalArgumentException}.
 */
public final class PostgresAccounts implements Accounts {

    /** Longer passwords are refused (they would be pre-hashed anyway; this keeps requests small). */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAccounts.class);

    private static final String COLUMNS = "login, role, municipality, family_id, enabled, password_hash";

    private static final String FIND = "select " + COLUMNS + " from account where login = ?";

    private static final String LIST = "select " + COLUMNS + " from account order by login";

    private static final String INSERT = "insert into account (login, role, municipality, family_id, password_hash,"
            + " enabled) values (?, ?, ?, ?, ?, ?)";

    private static final String SET_PASSWORD =
            "update account set password_hash = ?, updated_at = now() where login = ? returning municipality";

    private static final String REHASH = "update account set password_hash = ? where login = ? and password_hash = ?";

    private static final String SET_ENABLED =
            "update account set enabled = ?, updated_at = now() where login = ? returning municipality";

    private static final String END_SESSIONS = "delete from web_session where login = ? and link_id is null";

    private final DataSource dataSource;

    private final Argon2Passwords passwords;

    private final String dummyHash;

    public PostgresAccounts(DataSource dataSource, Argon2Passwords passwords) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.dummyHash = passwords.hash(Tokens.random().toCharArray());
    }

    /** With Argon2id at OWASP's parameters. */
    public PostgresAccounts(DataSource dataSource) {
        this(dataSource, new Argon2Passwords());
    }

    @Override
    public Optional<Account> authenticate(String login, char[] password) {
        Objects.requireNonNull(password, "password");
        Optional<Stored> stored = Logins.valid(login) ? read(login) : Optional.empty();
        String hash = stored.map(Stored::hash).orElse(dummyHash);
        boolean matches = passwords.verify(password, hash);
        if (stored.isEmpty() || !matches || !stored.get().account().enabled()) {
            return Optional.empty();
        }
        if (passwords.needsRehash(hash)) {
            rehash(login, password, hash);
        }
        return Optional.of(stored.get().account());
    }

    @Override
    public void create(Account account, char[] password, String by) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(by, "by");
        String hash = passwords.hash(checked(password));
        try {
            Transactions.inTransaction(dataSource, c -> {
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    insert.setString(1, account.login());
                    insert.setString(2, account.role().wire());
                    insert.setString(
                            3,
                            account.municipality().map(MunicipalityCode::value).orElse(null));
                    insert.setString(4, account.family().map(FamilyId::value).orElse(null));
                    insert.setString(5, hash);
                    insert.setBoolean(6, account.enabled());
                    insert.executeUpdate();
                }
                audit(
                        c,
                        by,
                        "account-create",
                        account.municipality(),
                        "login " + account.login() + ", role " + account.role().wire()
                                + (account.enabled() ? "" : ", disabled"));
                return null;
            });
        } catch (SQLException e) {
            throw createFailure(account, e);
        }
    }

    @Override
    public void setPassword(String login, char[] password, String by) {
        Logins.check(login);
        Objects.requireNonNull(by, "by");
        String hash = passwords.hash(checked(password));
        change(login, by, "account-password", SET_PASSWORD, true, update -> update.setString(1, hash));
    }

    @Override
    public void setEnabled(String login, boolean enabled, String by) {
        Logins.check(login);
        Objects.requireNonNull(by, "by");
        change(
                login,
                by,
                enabled ? "account-enable" : "account-disable",
                SET_ENABLED,
                !enabled,
                update -> update.setBoolean(1, enabled));
    }

    @Override
    public Optional<Account> find(String login) {
        if (!Logins.valid(login)) {
            return Optional.empty();
        }
        return read(login).map(Stored::account);
    }

    @Override
    public List<Account> list() {
        return Queries.list(dataSource, "cannot list the accounts", LIST, Queries.Parameters.NONE, rows -> stored(rows)
                .account());
    }

    /** An update of one account ({@code sql} binds its value first, the login second), audited. */
    private void change(
            String login, String by, String action, String sql, boolean endSessions, Queries.Parameters value) {
        try {
            Transactions.inTransaction(dataSource, c -> {
                Optional<MunicipalityCode> municipality;
                try (PreparedStatement update = c.prepareStatement(sql)) {
                    value.bind(update);
                    update.setString(2, login);
                    try (ResultSet changed = update.executeQuery()) {
                        if (!changed.next()) {
                            throw new IllegalArgumentException("no account has the login " + login);
                        }
                        municipality = Optional.ofNullable(changed.getString(1)).map(MunicipalityCode::of);
                    }
                }
                int ended = endSessions ? endSessions(c, login) : 0;
                audit(
                        c,
                        by,
                        action,
                        municipality,
                        "login " + login + (endSessions ? ", " + ended + " session(s) ended" : ""));
                return null;
            });
        } catch (SQLException e) {
            throw Failures.ofBulkWrite("cannot change an account", e);
        }
    }

    private static int endSessions(Connection c, String login) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(END_SESSIONS)) {
            delete.setString(1, login);
            return delete.executeUpdate();
        }
    }

    private static void audit(
            Connection c, String by, String action, Optional<MunicipalityCode> municipality, String detail)
            throws SQLException {
        AuditLog.write(c, new AuditLog.Entry(null, by, action, municipality.orElse(null), null, null, detail));
    }

    /** Replaces a hash made with cheaper parameters; a failure only delays it to the next login. */
    private void rehash(String login, char[] password, String old) {
        String hash = passwords.hash(password);
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(REHASH)) {
            update.setString(1, hash);
            update.setString(2, login);
            update.setString(3, old);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("could not replace a password hash with a stronger one: {}", Failures.describe(e));
        }
    }

    private static char[] checked(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (CharBuffer.wrap(password).chars().allMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a password is not only blanks");
        }
        return password;
    }

    private record Stored(Account account, String hash) {
        @Override
        public String toString() {
            return "Stored[" + account.login() + ", redacted]";
        }
    }

    private Optional<Stored> read(String login) {
        return Queries.list(
                        dataSource,
                        "cannot look an account up",
                        FIND,
                        query -> query.setString(1, login),
                        PostgresAccounts::stored)
                .stream()
                .findFirst();
    }

    private static Stored stored(ResultSet rows) throws SQLException {
        Account account = new Account(
                rows.getString("login"),
                Role.ofWire(rows.getString("role")),
                Optional.ofNullable(rows.getString("municipality")).map(MunicipalityCode::of),
                Optional.ofNullable(rows.getString("family_id")).map(FamilyId::new),
                rows.getBoolean("enabled"));
        return new Stored(account, rows.getString("password_hash"));
    }

    private static RuntimeException createFailure(Account account, SQLException e) {
        if (Failures.isUniqueViolation(e)) {
            return new IllegalArgumentException("the login " + account.login() + " is taken");
        }
        String constraint = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getConstraint()
                : null;
        String municipality =
                account.municipality().map(MunicipalityCode::value).orElse("");
        if ("account_municipality_known".equals(constraint)) {
            return new IllegalArgumentException("unknown municipality " + municipality);
        }
        if ("account_family_known".equals(constraint)) {
            return new IllegalArgumentException("no such family is registered");
        }
        if ("account_family_in_municipality".equals(constraint)) {
            return new IllegalArgumentException("the family is not registered in municipality " + municipality);
        }
        return Failures.ofBulkWrite("cannot create an account", e);
    }
}
