package org.kawamori.timeseries;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.kawamori.core.Detection;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.port.StoreUnavailableException;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tag detections in the {@code detection} table. A detection is identified by (tag, time, gateway):
 * writing it again changes nothing. Detections are personal data: tag ids are never logged, and a
 * detection belongs to the tag's municipality, whichever municipality the gateway belongs to.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}.
 */
public final class DetectionStore {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionStore.class);

    private static final String COLUMNS =
            "tag_id, tag_municipality, gateway_id, gateway_municipality, time, lat, lon, accuracy_m, rssi";

    private static final String TRAIL = "select " + COLUMNS + " from detection"
            + " where tag_id = ? and time >= ? and time < ? order by time, gateway_id limit ?";

    /**
     * The newest detection of every enabled tag of one municipality: a lateral subquery per tag takes
     * the first row of the primary key index backwards. Only detections stored for the tag's own
     * municipality count, so a row can never show up in another municipality's answer.
     */
    private static final String LATEST_PER_TAG = "select d.* from tag t join lateral (select " + COLUMNS
            + " from detection where tag_id = t.id and tag_municipality = t.municipality"
            + " order by time desc, gateway_id limit 1) d on true"
            + " where t.municipality = ? and t.enabled order by t.id";

    private final DataSource dataSource;
    private final CopyCommit<Detection> commit;

    public DetectionStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.commit = new CopyCommit<>(dataSource, DetectionCopyTarget.INSTANCE);
    }

    /**
     * Stores the detections in one transaction, at once; a detection that is already stored (same
     * tag, time and gateway) is skipped. {@link BatchedWriter#detections} shares transactions between
     * messages instead.
     *
     * @return how many were new
     * @throws StoreUnavailableException when they cannot be committed; then none of them is stored
     * @throws org.kawamori.core.port.StoreRefusedException when the database refuses them; then none
     *     of them is stored
     */
    public int append(List<Detection> detections) {
        Objects.requireNonNull(detections, "detections");
        CopyCommit.Outcome outcome = commit.commit(List.of(detections)).get(0);
        if (outcome.refused()) {
            throw outcome.refusal();
        }
        LOG.debug("stored {} of {} detection(s)", outcome.fresh(), detections.size());
        return outcome.fresh();
    }

    /**
     * The detections of one tag with {@code from <= time < to}, oldest first (ties by gateway), at
     * most {@code limit}: the oldest are kept.
     */
    public List<Detection> trail(TagId tag, Instant from, Instant to, int limit) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (limit == 0 || !from.isBefore(to)) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(TRAIL)) {
            query.setString(1, tag.value());
            SqlTimes.setBound(query, 2, from);
            SqlTimes.setBound(query, 3, to);
            query.setInt(4, limit);
            return detections(query);
        } catch (SQLException e) {
            throw unavailable("cannot read a tag's trail", e);
        }
    }

    /**
     * The newest detection of every enabled tag registered for {@code municipality} (one query), ordered
     * by tag id; tags never detected are left out. Detections of other municipalities' tags never
     * appear, even when this municipality's gateways heard them.
     */
    public List<Detection> latestPerTag(MunicipalityCode municipality) {
        Objects.requireNonNull(municipality, "municipality");
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(LATEST_PER_TAG)) {
            query.setString(1, municipality.value());
            return detections(query);
        } catch (SQLException e) {
            throw unavailable("cannot read the latest detections of " + municipality, e);
        }
    }

    private static List<Detection> detections(PreparedStatement query) throws SQLException {
        List<Detection> detections = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                detections.add(new Detection(
                        new TagId(rows.getString("tag_id")),
                        MunicipalityCode.of(rows.getString("tag_municipality")),
                        DeviceId.of(rows.getString("gateway_id")),
                        MunicipalityCode.of(rows.getString("gateway_municipality")),
                        SqlTimes.get(rows, "time"),
                        new GeoPoint(rows.getDouble("lat"), rows.getDouble("lon")),
                        accuracy(rows),
                        rows.getShort("rssi")));
            }
        }
        return detections;
    }

    /** Unknown accuracy is stored as null and read as NaN. */
    static double accuracy(ResultSet rows) throws SQLException {
        float accuracy = rows.getFloat("accuracy_m");
        return rows.wasNull() ? Double.NaN : accuracy;
    }

    /**
     * A failure without personal data: pgjdbc puts the statement's parameters (tag ids) into a batch
     * failure's message and the failing row into the server's detail, so only the server's primary
     * message and the SQL state are kept, and the original exception is replaced by a copy without them.
     */
    static StoreUnavailableException unavailable(String what, SQLException e) {
        String reason = null;
        for (SQLException s = e; s != null && reason == null; s = s.getNextException()) {
            if (s instanceof PSQLException p && p.getServerErrorMessage() != null) {
                reason = p.getServerErrorMessage().getMessage();
            }
        }
        if (reason == null) {
            reason = e instanceof BatchUpdateException ? "the batch was aborted" : Failures.describe(e);
        }
        String message = what + ": " + reason + " (SQLState " + e.getSQLState() + ")";
        SQLException redacted = new SQLException(message, e.getSQLState());
        redacted.setStackTrace(e.getStackTrace());
        return new StoreUnavailableException(message, redacted);
    }
}
