package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.access.FamilyTags;
import org.kawamori.core.alert.Audience.FamilyId;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Core's {@link FamilyTags} from {@code tag.family_id} (V6) and the {@code detection} table (V2). Every
 * query names the family in its {@code where} clause, so a tag of another family reads exactly like an
 * unknown tag. As in {@link PostgresSightingQueries}, only detections stored for the tag's own
 * municipality count and detections without a position are passed over; a trail is one {@link
 * TagSighting} per detection row (first = last), newest first, read backwards along the detection key
 * (tag_id, time, gateway_id).
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}, without tag or family ids.
 */
public final class PostgresFamilyTags implements FamilyTags {

    /** The newest positioned detection of the tag's own municipality, as a lateral subquery over t. */
    private static final String LAST = "left join lateral (select time, lat, lon, accuracy_m from detection"
            + " where tag_id = t.id and tag_municipality = t.municipality and lat is not null and lon is not null"
            + " order by time desc, gateway_id desc limit 1) d on true";

    private static final String TAGS = "select t.id, t.municipality, t.nickname, d.time, d.lat, d.lon, d.accuracy_m"
            + " from tag t " + LAST + " where t.family_id = ? order by t.id";

    /** One row with null time for a tag of the family without detections in the window; no row otherwise. */
    private static final String TRAIL = "select t.municipality, d.time, d.lat, d.lon, d.accuracy_m from tag t"
            + " left join lateral (select time, lat, lon, accuracy_m, gateway_id from detection"
            + " where tag_id = t.id and tag_municipality = t.municipality and time >= ? and time < ?"
            + " and lat is not null and lon is not null order by time desc, gateway_id desc limit ?) d on true"
            + " where t.id = ? and t.family_id = ? order by d.time desc, d.gateway_id desc";

    private static final String OWNS = "select 1 from tag where id = ? and family_id = ?";

    private final DataSource dataSource;

    public PostgresFamilyTags(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<FamilyTag> tags(FamilyId family) {
        Objects.requireNonNull(family, "family");
        try (Connection c = dataSource.getConnection()) {
            return Queries.list(c, TAGS, query -> query.setString(1, family.value()), PostgresFamilyTags::familyTag);
        } catch (SQLException e) {
            throw DetectionStore.unavailable("cannot read a family's tags", e);
        }
    }

    @Override
    public Optional<List<TagSighting>> trail(FamilyId family, TagId tag, Instant from, Instant to, int limit) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 1) {
            throw new IllegalArgumentException("a trail's limit is at least 1");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("a trail's window starts before it ends");
        }
        List<Optional<TagSighting>> rows;
        try (Connection c = dataSource.getConnection()) {
            rows = Queries.list(
                    c,
                    TRAIL,
                    query -> {
                        SqlTimes.setBound(query, 1, from);
                        SqlTimes.setBound(query, 2, to);
                        query.setInt(3, limit);
                        query.setString(4, tag.value());
                        query.setString(5, family.value());
                    },
                    found -> sighting(tag, MunicipalityCode.of(found.getString("municipality")), found));
        } catch (SQLException e) {
            throw DetectionStore.unavailable("cannot read a tag's trail", e);
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<TagSighting> trail = new ArrayList<>(rows.size());
        rows.forEach(row -> row.ifPresent(trail::add));
        return Optional.of(List.copyOf(trail));
    }

    @Override
    public boolean owns(FamilyId family, TagId tag) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(tag, "tag");
        try (Connection c = dataSource.getConnection()) {
            return !Queries.list(
                            c,
                            OWNS,
                            query -> {
                                query.setString(1, tag.value());
                                query.setString(2, family.value());
                            },
                            rows -> 1)
                    .isEmpty();
        } catch (SQLException e) {
            throw DetectionStore.unavailable("cannot look a tag's family up", e);
        }
    }

    private static FamilyTag familyTag(ResultSet rows) throws SQLException {
        TagId tag = new TagId(rows.getString("id"));
        MunicipalityCode municipality = MunicipalityCode.of(rows.getString("municipality"));
        return new FamilyTag(
                tag,
                municipality,
                Optional.ofNullable(rows.getString("nickname")).filter(n -> !n.isBlank()),
                sighting(tag, municipality, rows));
    }

    /** The detection of a row (time, lat, lon, accuracy_m) as a sighting; empty when the row has none. */
    private static Optional<TagSighting> sighting(TagId tag, MunicipalityCode municipality, ResultSet rows)
            throws SQLException {
        Instant time = SqlTimes.get(rows, "time");
        if (time == null) {
            return Optional.empty();
        }
        return Optional.of(new TagSighting(
                tag,
                municipality,
                time,
                time,
                new GeoPoint(rows.getDouble("lat"), rows.getDouble("lon")),
                DetectionStore.accuracy(rows),
                1));
    }
}
