package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.port.StoreUnavailableException;
import org.kawamori.core.port.TagDirectory;

/**
 * The registered BLE watch tags in the {@code tag} table: each belongs to one municipality. Tag ids
 * and nicknames are personal data and never logged.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}; a tag in a municipality the
 * {@code municipality} table does not know is refused with {@link IllegalArgumentException}.
 */
public final class TagRegistry implements TagDirectory {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final String UPSERT = "insert into tag (id, municipality, nickname, enabled) values (?, ?, ?, ?)"
            + " on conflict (id) do update set municipality = excluded.municipality,"
            + " nickname = excluded.nickname, enabled = excluded.enabled returning (xmax = 0)";

    private final DataSource dataSource;

    public TagRegistry(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Registers a tag or changes its municipality, nickname (may be null) and whether it is enabled. */
    public void register(TagId tag, MunicipalityCode municipality, String nickname, boolean enabled) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(municipality, "municipality");
        try (Connection c = dataSource.getConnection()) {
            upsert(c, tag, municipality, nickname, enabled);
        } catch (SQLException e) {
            throw registerFailure(municipality, e);
        }
    }

    /** The upsert of {@link #register} on the caller's connection (and transaction); true when new. */
    static boolean upsert(Connection c, TagId tag, MunicipalityCode municipality, String nickname, boolean enabled)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setString(1, tag.value());
            upsert.setString(2, municipality.value());
            upsert.setString(3, nickname);
            upsert.setBoolean(4, enabled);
            try (ResultSet inserted = upsert.executeQuery()) {
                inserted.next();
                return inserted.getBoolean(1);
            }
        }
    }

    static RuntimeException registerFailure(MunicipalityCode municipality, SQLException e) {
        if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
            return new IllegalArgumentException("unknown municipality " + municipality, e);
        }
        return Failures.unavailable("cannot register a tag", e);
    }

    /** The municipality a registered tag belongs to (for enriching detections), or empty. */
    public Optional<MunicipalityCode> municipalityOf(TagId tag) {
        Objects.requireNonNull(tag, "tag");
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("select municipality from tag where id = ?")) {
            query.setString(1, tag.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(MunicipalityCode.of(rows.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot look a tag up", e);
        }
    }

    /**
     * Enables or disables a tag. Detections of a disabled tag are no longer stored; those stored stay
     * until the retention removes them.
     *
     * @throws IllegalArgumentException when no tag has this id
     */
    public void setEnabled(TagId tag, boolean enabled) {
        Objects.requireNonNull(tag, "tag");
        int changed;
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update tag set enabled = ? where id = ?")) {
            update.setBoolean(1, enabled);
            update.setString(2, tag.value());
            changed = update.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable("cannot change a tag", e);
        }
        if (changed == 0) {
            throw new IllegalArgumentException("no such tag is registered");
        }
    }

    /** How many tags each municipality has registered (enabled or not); tag ids are not listed. */
    public Map<MunicipalityCode, Integer> countsByMunicipality() {
        Map<MunicipalityCode, Integer> counts =
                new java.util.TreeMap<>(java.util.Comparator.comparing(MunicipalityCode::value));
        try (Connection c = dataSource.getConnection();
                PreparedStatement query =
                        c.prepareStatement("select municipality, count(*) from tag group by municipality");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                counts.put(MunicipalityCode.of(rows.getString(1)), rows.getInt(2));
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot count tags", e);
        }
        return counts;
    }

    /** One query for a whole batch: {@code id = any(?)} with the ids as an array parameter. */
    @Override
    public Map<TagId, MunicipalityCode> municipalitiesOf(Collection<TagId> tags) {
        Objects.requireNonNull(tags, "tags");
        if (tags.isEmpty()) {
            return Map.of();
        }
        Map<TagId, MunicipalityCode> found = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement query =
                        c.prepareStatement("select id, municipality from tag where id = any(?) and enabled")) {
            query.setArray(
                    1,
                    c.createArrayOf(
                            "text", tags.stream().map(TagId::value).distinct().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(new TagId(rows.getString(1)), MunicipalityCode.of(rows.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw Failures.unavailable("cannot look tags up", e);
        }
        return found;
    }
}
