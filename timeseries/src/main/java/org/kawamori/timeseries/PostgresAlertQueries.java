package org.kawamori.timeseries;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertQueries;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.port.StoreUnavailableException;

/**
 * Core's {@link AlertQueries} on PostgreSQL: the {@code alert} rows and their {@code alert_history}.
 * It returns what is stored; who may see which alert is the caller's decision. Each query has an
 * index of its own (V6): {@code alert_active_changed}, {@code alert_changed}, {@code
 * alert_municipality_changed}, and the history's primary key.
 *
 * <p>A database failure surfaces as {@link StoreUnavailableException}.
 */
public final class PostgresAlertQueries implements AlertQueries {

    private static final String FROM = "select " + AlertRows.COLUMNS + " from alert a where ";

    private static final String NEWEST_FIRST = " order by a.changed_at desc, a.id desc";

    private static final String ACTIVE = FROM + "a.state <> 'CLEARED'";

    private static final String OF_MUNICIPALITY = " and a.municipality = ?";

    private static final String FIND = FROM + "a.id = ?";

    private static final String TRANSITIONS = "select alert_id, sequence, transition, severity, state, level, at, "
            + TextMaps.column("facts") + " as facts from alert_history where alert_id = ? order by sequence";

    private static final String CHANGED_BETWEEN = FROM + "a.changed_at >= ? and a.changed_at < ?";

    /** Keyset pagination: after the position (changed_at, id) of the last alert of the previous page. */
    private static final String BEFORE =
            " and (a.changed_at, a.id) < (select b.changed_at, b.id from alert b where b.id = ?)";

    private final DataSource dataSource;

    public PostgresAlertQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<AlertRecord> active(Optional<MunicipalityCode> municipality) {
        Objects.requireNonNull(municipality, "municipality");
        return alerts("cannot read the active alerts", activeQuery(municipality.isPresent()), query -> {
            if (municipality.isPresent()) {
                query.setString(1, municipality.get().value());
            }
        });
    }

    @Override
    public Optional<AlertRecord> find(long alertId) {
        return alerts("cannot read an alert", FIND, query -> query.setLong(1, alertId)).stream()
                .findFirst();
    }

    @Override
    public List<TransitionRecord> transitions(long alertId) {
        return Queries.list(
                dataSource,
                "cannot read an alert's history",
                TRANSITIONS,
                query -> query.setLong(1, alertId),
                rows -> new TransitionRecord(
                        rows.getLong("alert_id"),
                        rows.getInt("sequence"),
                        AlertTransition.valueOf(rows.getString("transition")),
                        Alert.Severity.valueOf(rows.getString("severity")),
                        Alert.State.valueOf(rows.getString("state")),
                        rows.getInt("level"),
                        SqlTimes.get(rows, "at"),
                        TextMaps.get(rows, "facts")));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code beforeId} names the last alert of the previous page; a page continues from where that
     * alert stands now, so pages are gap-free and without repeats while no alert of the range changes.
     * An id that is not stored gives an empty page.
     */
    @Override
    public List<AlertRecord> changedBetween(
            Optional<MunicipalityCode> municipality, Instant from, Instant to, int limit, Optional<Long> beforeId) {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(beforeId, "beforeId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (limit == 0 || !from.isBefore(to)) {
            return List.of();
        }
        String sql = changedBetweenQuery(municipality.isPresent(), beforeId.isPresent());
        return alerts("cannot read the changed alerts", sql, query -> {
            int i = 1;
            SqlTimes.setBound(query, i++, from);
            SqlTimes.setBound(query, i++, to);
            if (municipality.isPresent()) {
                query.setString(i++, municipality.get().value());
            }
            if (beforeId.isPresent()) {
                query.setLong(i++, beforeId.get());
            }
            query.setInt(i, limit);
        });
    }

    /** The SQL of {@link #active}: parameter the municipality, if {@code ofMunicipality}. */
    static String activeQuery(boolean ofMunicipality) {
        return ACTIVE + (ofMunicipality ? OF_MUNICIPALITY : "") + NEWEST_FIRST;
    }

    /** The SQL of {@link #changedBetween}: parameters from, to, [municipality], [before id], limit. */
    static String changedBetweenQuery(boolean ofMunicipality, boolean after) {
        return CHANGED_BETWEEN + (ofMunicipality ? OF_MUNICIPALITY : "") + (after ? BEFORE : "") + NEWEST_FIRST
                + " limit ?";
    }

    private List<AlertRecord> alerts(String what, String sql, Queries.Parameters parameters) {
        return Queries.list(dataSource, what, sql, parameters, AlertRows::alert);
    }
}
