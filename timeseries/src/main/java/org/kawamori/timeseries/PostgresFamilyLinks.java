package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.access.FamilyLinks;
import org.kawamori.core.access.Principal;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Core's {@link FamilyLinks} in the {@code family_link} table (V8): the token is 32 random bytes
 * (base64url), shown once and stored only as its SHA-256. A link resolves to the family member {@code
 * link:<id>} of the family's current municipality. Revoking keeps the row (for the family's list) and
 * deletes the sessions opened through it. Issuing and revoking are written to the {@code audit_log} in
 * the same transaction, with the family's municipality and the link's id, never the family's id.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}; an unknown family as {@link
 * IllegalArgumentException}.
 */
public final class PostgresFamilyLinks implements FamilyLinks {

    private static final String MUNICIPALITY_OF = "select municipality from family where id = ? for share";

    private static final String INSERT = "insert into family_link (family_id, token_hash, created_at, expires_at,"
            + " created_by) values (?, ?, ?, ?, ?) returning id";

    private static final String RESOLVE = "select l.id, l.family_id, f.municipality from family_link l"
            + " join family f on f.id = l.family_id"
            + " where l.token_hash = ? and l.revoked_at is null and l.expires_at > ?";

    private static final String REVOKE =
            "update family_link set revoked_at = ?" + " where id = ? and family_id = ? and revoked_at is null";

    private static final String EXISTS = "select 1 from family_link where id = ? and family_id = ?";

    private static final String END_SESSIONS = "delete from web_session where link_id = ?";

    private static final String LIST = "select id, created_at, expires_at, revoked_at, created_by from family_link"
            + " where family_id = ? order by id desc";

    private final DataSource dataSource;

    public PostgresFamilyLinks(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Issued issue(FamilyId family, Instant expiresAt, String by, Instant now) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(now, "now");
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("a link expires after it is issued");
        }
        String token = Tokens.random();
        try {
            long id = Transactions.inTransaction(dataSource, c -> {
                MunicipalityCode municipality = municipalityOf(c, family)
                        .orElseThrow(() -> new IllegalArgumentException("no such family is registered"));
                long issued;
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    insert.setString(1, family.value());
                    insert.setBytes(2, Tokens.hash(token));
                    SqlTimes.set(insert, 3, now);
                    SqlTimes.setBound(insert, 4, expiresAt);
                    insert.setString(5, by);
                    try (ResultSet key = insert.executeQuery()) {
                        key.next();
                        issued = key.getLong(1);
                    }
                }
                audit(c, now, by, "family-link-issue", municipality, "link " + issued + ", expires " + expiresAt);
                return issued;
            });
            return new Issued(id, token, expiresAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        } catch (SQLException e) {
            throw Failures.ofBulkWrite("cannot issue a family link", e);
        }
    }

    @Override
    public Optional<Resolved> resolve(String token, Instant now) {
        Objects.requireNonNull(now, "now");
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return Queries.list(
                        dataSource,
                        "cannot look a family link up",
                        RESOLVE,
                        query -> {
                            query.setBytes(1, Tokens.hash(token));
                            SqlTimes.set(query, 2, now);
                        },
                        rows -> new Resolved(
                                rows.getLong("id"),
                                new Principal.FamilyMember(
                                        "link:" + rows.getLong("id"),
                                        new FamilyId(rows.getString("family_id")),
                                        MunicipalityCode.of(rows.getString("municipality")))))
                .stream()
                .findFirst();
    }

    @Override
    public boolean revoke(FamilyId family, long linkId, String by, Instant now) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(now, "now");
        try {
            return Transactions.inTransaction(dataSource, c -> {
                Optional<MunicipalityCode> municipality = municipalityOf(c, family);
                if (municipality.isEmpty()) {
                    return false;
                }
                int revoked;
                try (PreparedStatement update = c.prepareStatement(REVOKE)) {
                    SqlTimes.set(update, 1, now);
                    update.setLong(2, linkId);
                    update.setString(3, family.value());
                    revoked = update.executeUpdate();
                }
                if (revoked == 0) {
                    return exists(c, family, linkId); // revoked before: still the family's link
                }
                int ended;
                try (PreparedStatement delete = c.prepareStatement(END_SESSIONS)) {
                    delete.setLong(1, linkId);
                    ended = delete.executeUpdate();
                }
                audit(
                        c,
                        now,
                        by,
                        "family-link-revoke",
                        municipality.get(),
                        "link " + linkId + ", " + ended + " session(s) ended");
                return true;
            });
        } catch (SQLException e) {
            throw Failures.ofBulkWrite("cannot revoke a family link", e);
        }
    }

    @Override
    public List<Link> list(FamilyId family) {
        Objects.requireNonNull(family, "family");
        return Queries.list(
                dataSource,
                "cannot list a family's links",
                LIST,
                query -> query.setString(1, family.value()),
                rows -> new Link(
                        rows.getLong("id"),
                        SqlTimes.get(rows, "created_at"),
                        SqlTimes.get(rows, "expires_at"),
                        Optional.ofNullable(SqlTimes.get(rows, "revoked_at")),
                        rows.getString("created_by")));
    }

    private static Optional<MunicipalityCode> municipalityOf(Connection c, FamilyId family) throws SQLException {
        return Queries.list(
                        c,
                        MUNICIPALITY_OF,
                        query -> query.setString(1, family.value()),
                        rows -> MunicipalityCode.of(rows.getString(1)))
                .stream()
                .findFirst();
    }

    private static boolean exists(Connection c, FamilyId family, long linkId) throws SQLException {
        return !Queries.list(
                        c,
                        EXISTS,
                        query -> {
                            query.setLong(1, linkId);
                            query.setString(2, family.value());
                        },
                        rows -> 1)
                .isEmpty();
    }

    private static void audit(
            Connection c, Instant at, String by, String action, MunicipalityCode municipality, String detail)
            throws SQLException {
        AuditLog.write(c, new AuditLog.Entry(at, by, action, municipality, null, null, detail));
    }
}
