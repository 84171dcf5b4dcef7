package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.TagSighting;
import org.kawamori.core.port.SightingQueries;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Core's {@link SightingQueries} from the {@code detection} table: a tag's latest detection as a
 * sighting of one detection (first = last). Like {@link DetectionStore#latestPerTag}, only detections
 * stored for the tag's own municipality count; detections without a position are passed over. What the
 * retention deleted is gone (in TimescaleDB mode up to a chunk, one day, later).
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}, without the tag id.
 */
public final class PostgresSightingQueries implements SightingQueries {

    /** The first row of the primary key (tag_id, time, gateway_id) backwards. */
    private static final String LAST = "select d.tag_municipality, d.time, d.lat, d.lon, d.accuracy_m"
            + " from tag t join lateral (select tag_municipality, time, lat, lon, accuracy_m from detection"
            + " where tag_id = t.id and tag_municipality = t.municipality and lat is not null and lon is not null"
            + " order by time desc, gateway_id desc limit 1) d on true where t.id = ?";

    private final DataSource dataSource;

    public PostgresSightingQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<TagSighting> lastSighting(TagId tag) {
        Objects.requireNonNull(tag, "tag");
        try (Connection c = dataSource.getConnection()) {
            return Queries.list(c, LAST, query -> query.setString(1, tag.value()), rows -> sighting(tag, rows)).stream()
                    .findFirst();
        } catch (SQLException e) {
            throw DetectionStore.unavailable("cannot read a tag's last sighting", e);
        }
    }

    private static TagSighting sighting(TagId tag, ResultSet rows) throws SQLException {
        return new TagSighting(
                tag,
                MunicipalityCode.of(rows.getString("tag_municipality")),
                SqlTimes.get(rows, "time"),
                SqlTimes.get(rows, "time"),
                new GeoPoint(rows.getDouble("lat"), rows.getDouble("lon")),
                DetectionStore.accuracy(rows),
                1);
    }
}
