package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.access.Account;
import org.kawamori.core.access.Principal;
import org.kawamori.core.access.Role;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Core's {@link Sessions} in the {@code web_session} table (V8), shared by every instance. The token is
 * 32 random bytes (base64url); only its SHA-256 is stored, so a copy of the table opens no session.
 *
 * <p>A session is found while it has not expired and either its account still exists, is enabled and
 * has the role, municipality and family the session was opened with (the principal is read from the
 * account row, so a changed account ends its sessions at once), or its family link is neither revoked
 * nor expired (the member is read from the link and its family). A link's session never outlives the
 * link. A database failure surfaces as {@link StoreUnavailableException}.
 */
public final class PostgresSessions implements org.kawamori.core.access.Sessions {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final String INSERT = "insert into web_session (token_hash, login, role, municipality, family_id,"
            + " link_id, csrf_token, created_at, expires_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, least(?, (select l.expires_at from family_link l where l.id = ?)))"
            + " returning expires_at";

    private static final String FIND = "select s.csrf_token, s.expires_at, s.link_id,"
            + " a.login, a.role, a.municipality, a.family_id, a.enabled, l.family_id as link_family,"
            + " f.municipality as link_municipality"
            + " from web_session s"
            + " left join account a on s.link_id is null and a.login = s.login and a.enabled and a.role = s.role"
            + " and a.municipality is not distinct from s.municipality and a.family_id is not distinct from s.family_id"
            + " left join family_link l on l.id = s.link_id and l.family_id = s.family_id"
            + " and l.revoked_at is null and l.expires_at > ?"
            + " left join family f on f.id = l.family_id"
            + " where s.token_hash = ? and s.expires_at > ? and (a.login is not null or f.id is not null)";

    private static final String CLOSE = "delete from web_session where token_hash = ?";

    private static final String PURGE = "delete from web_session where expires_at <= ?";

    private final DataSource dataSource;

    public PostgresSessions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Issued open(Principal principal, Optional<Long> linkId, Duration lifetime, Instant now) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(now, "now");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a session's lifetime is positive");
        }
        Opened as = Opened.of(principal, linkId);
        String token = Tokens.random();
        String csrf = Tokens.random();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setBytes(1, Tokens.hash(token));
            insert.setString(2, principal.name());
            insert.setString(3, principal.role().wire());
            insert.setString(4, as.municipality().map(MunicipalityCode::value).orElse(null));
            insert.setString(5, as.family().map(FamilyId::value).orElse(null));
            insert.setObject(6, linkId.orElse(null), java.sql.Types.BIGINT);
            insert.setString(7, csrf);
            SqlTimes.set(insert, 8, now);
            SqlTimes.setBound(insert, 9, now.plus(lifetime));
            insert.setObject(10, linkId.orElse(null), java.sql.Types.BIGINT);
            try (ResultSet opened = insert.executeQuery()) {
                opened.next();
                return new Issued(token, csrf, SqlTimes.get(opened, "expires_at"));
            }
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalArgumentException("no such family link or family is registered");
            }
            throw Failures.ofBulkWrite("cannot open a session", e);
        }
    }

    @Override
    public Optional<Active> find(String token, Instant now) {
        Objects.requireNonNull(now, "now");
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return Queries.list(
                        dataSource,
                        "cannot look a session up",
                        FIND,
                        query -> {
                            SqlTimes.set(query, 1, now);
                            query.setBytes(2, Tokens.hash(token));
                            SqlTimes.set(query, 3, now);
                        },
                        PostgresSessions::active)
                .stream()
                .findFirst();
    }

    @Override
    public void close(String token) {
        if (!Tokens.plausible(token)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(CLOSE)) {
            delete.setBytes(1, Tokens.hash(token));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable("cannot end a session", e);
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(PURGE)) {
            SqlTimes.set(delete, 1, now);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable("cannot purge expired sessions", e);
        }
    }

    private static Active active(ResultSet rows) throws SQLException {
        Principal principal;
        long link = rows.getLong("link_id");
        if (rows.wasNull()) {
            principal = new Account(
                            rows.getString("login"),
                            Role.ofWire(rows.getString("role")),
                            Optional.ofNullable(rows.getString("municipality")).map(MunicipalityCode::of),
                            Optional.ofNullable(rows.getString("family_id")).map(FamilyId::new),
                            rows.getBoolean("enabled"))
                    .principal();
        } else {
            principal = new Principal.FamilyMember(
                    "link:" + link,
                    new FamilyId(rows.getString("link_family")),
                    MunicipalityCode.of(rows.getString("link_municipality")));
        }
        return new Active(principal, rows.getString("csrf_token"), SqlTimes.get(rows, "expires_at"));
    }

    /** What a session is opened as: the municipality and family of its principal, checked against its link. */
    private record Opened(Optional<MunicipalityCode> municipality, Optional<FamilyId> family) {

        static Opened of(Principal principal, Optional<Long> linkId) {
            if (linkId.isPresent()) {
                if (!(principal instanceof Principal.FamilyMember member)
                        || !member.login().equals("link:" + linkId.get())) {
                    throw new IllegalArgumentException("a link's session is a family member named link:<id>");
                }
                return new Opened(Optional.of(member.municipality()), Optional.of(member.family()));
            }
            if (principal.name().startsWith("link:")) {
                throw new IllegalArgumentException("a session of a link:<id> member names its link");
            }
            if (principal instanceof Principal.FamilyMember f) {
                return new Opened(Optional.of(f.municipality()), Optional.of(f.family()));
            }
            if (principal instanceof Principal.Officer o) {
                return new Opened(Optional.of(o.municipality()), Optional.empty());
            }
            if (principal instanceof Principal.Administrator) {
                return new Opened(Optional.empty(), Optional.empty());
            }
            throw new IllegalArgumentException("the public has no session");
        }
    }
}
