package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * The registered BLE watch tags in the {@code tag} table: each belongs to one municipality. Tag ids
 * and nicknames are personal data and never logged.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}; a tag in a municipality the
 * {@code municipality} table does not know is refused with {@link IllegalArgumentException}.
 */
public final class TagRegistry {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final String UPSERT = "insert into tag (id, municipality, nickname, enabled) values (?, ?, ?, ?)"
            + " on conflict (id) do update set municipality = excluded.municipality,"
            + " nickname = excluded.nickname, enabled = excluded.enabled";

    private final DataSource dataSource;

    public TagRegistry(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Registers a tag or changes its municipality, nickname (may be null) and whether it is enabled. */
    public void register(TagId tag, MunicipalityCode municipality, String nickname, boolean enabled) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(municipality, "municipality");
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setString(1, tag.value());
            upsert.setString(2, municipality.value());
            upsert.setString(3, nickname);
            upsert.setBoolean(4, enabled);
            upsert.executeUpdate();
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalArgumentException("unknown municipality " + municipality, e);
            }
            throw Failures.unavailable("cannot register a tag", e);
        }
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
}
