package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.core.security.PasswordHash;

/**
 * The families in the {@code family} table (each of one municipality) and which family a tag belongs
 * to ({@code tag.family_id}). Only what the watch rules need now; logins come later. Family ids, display
 * names and tag ids are personal data and never logged.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}; a family of an unknown
 * municipality, or a tag or family that is not registered, is refused with {@link
 * IllegalArgumentException}.
 */
public final class FamilyRegistry {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final String UPSERT = "insert into family (id, municipality, display_name) values (?, ?, ?)"
            + " on conflict (id) do update set municipality = excluded.municipality,"
            + " display_name = excluded.display_name";

    private static final String ASSIGN = "update tag set family_id = ? where id = ?";

    private static final String FAMILY_OF = "select family_id from tag where id = ? and family_id is not null";

    private static final String MUNICIPALITY_OF = "select municipality from family where id = ?";

    private static final String SET_SECRET = "update family set mqtt_secret = ? where id = ?";

    private static final String SECRET_OF = "select municipality, mqtt_secret from family where id = ?";

    private final DataSource dataSource;

    public FamilyRegistry(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Registers a family or changes its municipality and display name (may be null). */
    public void register(FamilyId family, MunicipalityCode municipality, String displayName) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(municipality, "municipality");
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setString(1, family.value());
            upsert.setString(2, municipality.value());
            upsert.setString(3, displayName);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot register a family", "unknown municipality " + municipality, e);
        }
    }

    /**
     * Makes a registered tag belong to a family, or to none.
     *
     * @throws IllegalArgumentException when the tag or the family is not registered
     */
    public void assign(TagId tag, Optional<FamilyId> family) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(family, "family");
        int changed;
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(ASSIGN)) {
            update.setString(1, family.map(FamilyId::value).orElse(null));
            update.setString(2, tag.value());
            changed = update.executeUpdate();
        } catch (SQLException e) {
            throw failure("cannot assign a tag to a family", "no such family is registered", e);
        }
        if (changed == 0) {
            throw new IllegalArgumentException("no such tag is registered");
        }
    }

    /** The family a tag belongs to, if any. */
    public Optional<FamilyId> familyOf(TagId tag) {
        Objects.requireNonNull(tag, "tag");
        return Queries.list(
                        dataSource,
                        "cannot look a tag's family up",
                        FAMILY_OF,
                        query -> query.setString(1, tag.value()),
                        rows -> new FamilyId(rows.getString(1)))
                .stream()
                .findFirst();
    }

    /** The family's municipality, when the family is registered. */
    public Optional<MunicipalityCode> municipalityOf(FamilyId family) {
        Objects.requireNonNull(family, "family");
        return Queries.list(
                        dataSource,
                        "cannot look a family up",
                        MUNICIPALITY_OF,
                        query -> query.setString(1, family.value()),
                        rows -> MunicipalityCode.of(rows.getString(1)))
                .stream()
                .findFirst();
    }

    /**
     * Sets (or, with an empty secret, removes) the family's MQTT password, stored as a PBKDF2 hash.
     *
     * @throws IllegalArgumentException when the family is not registered
     */
    public void setMqttSecret(FamilyId family, char[] secret) {
        Objects.requireNonNull(family, "family");
        String hash = secret.length == 0 ? null : PasswordHash.hash(secret, PasswordHash.DEFAULT_ITERATIONS);
        int changed;
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(SET_SECRET)) {
            update.setString(1, hash);
            update.setString(2, family.value());
            changed = update.executeUpdate();
        } catch (SQLException e) {
            throw Failures.ofBulkWrite("cannot set a family's MQTT password", e);
        }
        if (changed == 0) {
            throw new IllegalArgumentException("no such family is registered");
        }
    }

    /** The family's municipality when the MQTT password is the family's; empty otherwise. */
    public Optional<MunicipalityCode> verifyMqtt(FamilyId family, char[] secret) {
        Objects.requireNonNull(family, "family");
        return Queries.list(
                        dataSource,
                        "cannot look a family up",
                        SECRET_OF,
                        query -> query.setString(1, family.value()),
                        rows -> new String[] {rows.getString(1), rows.getString(2)})
                .stream()
                .findFirst()
                .filter(row -> row[1] != null && PasswordHash.verify(secret, row[1]))
                .map(row -> MunicipalityCode.of(row[0]));
    }

    private static RuntimeException failure(String what, String refusal, SQLException e) {
        if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
            return new IllegalArgumentException(refusal);
        }
        return Failures.ofBulkWrite(what, e);
    }
}
