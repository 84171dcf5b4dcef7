package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertChange;
import org.kawamori.core.alert.AlertRecord;
import org.kawamori.core.alert.AlertStore;
import org.kawamori.core.alert.AlertTransition;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.Notice;
import org.kawamori.core.alert.NoticeOutbox;
import org.kawamori.core.port.StoreRefusedException;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link AlertStore} on PostgreSQL: the {@code alert} rows, their {@code alert_history} and the
 * {@code notice_outbox}, all of one evaluation in one transaction. Also the outbox relay's side:
 * {@link #unpublished} and {@link #markPublished}.
 *
 * <p>Failures: {@link StoreRefusedException} when the database refuses the changes (SQLSTATE class 22
 * or 23): a second active alert for a subject and rule ({@code alert_one_active}), a transition
 * number recorded already ({@code alert_history_pkey}), a notice key and audience recorded already
 * ({@code notice_outbox_pkey}), an alert whose subject or rule changed or whose transition is not
 * newer than the stored one; {@link StoreUnavailableException} when it cannot be reached. Either way
 * nothing of the evaluation is stored. Messages name constraints, never a subject, tag, family or fact.
 */
public final class PostgresAlertStore implements AlertStore, NoticeOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAlertStore.class);

    private static final String NEXT_ID = "select nextval(pg_get_serial_sequence('alert', 'id'))";

    /**
     * The row after the transition. An existing row keeps its municipality, subject, rule and opening
     * time, and only takes a newer transition: otherwise nothing is updated and the change is refused.
     */
    private static final String UPSERT = "insert into alert (id, municipality, subject, rule, severity, state,"
            + " opened_at, changed_at, level, sequence, last_notice_at, detail)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + TextMaps.PARAMETER + ")"
            + " on conflict (id) do update set severity = excluded.severity, state = excluded.state,"
            + " changed_at = excluded.changed_at, level = excluded.level, sequence = excluded.sequence,"
            + " last_notice_at = excluded.last_notice_at, detail = excluded.detail"
            + " where alert.subject = excluded.subject and alert.rule = excluded.rule"
            + " and alert.sequence < excluded.sequence";

    private static final String HISTORY = "insert into alert_history"
            + " (alert_id, sequence, transition, severity, state, level, at, facts)"
            + " values (?, ?, ?, ?, ?, ?, ?, " + TextMaps.PARAMETER + ")";

    private static final String OUTBOX = "insert into notice_outbox (key, audience_kind, audience_municipality,"
            + " audience_family, alert_id, transition, severity, rule, at, title_ja, title_en, facts)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + TextMaps.PARAMETER + ")";

    private static final String ACTIVE =
            "select " + AlertRows.COLUMNS + " from alert a where a.state <> 'CLEARED' order by a.id";

    private static final String UNPUBLISHED = "select key, audience_kind, audience_municipality, audience_family,"
            + " alert_id, transition, severity, rule, at, title_ja, title_en, " + TextMaps.column("facts")
            + " as facts from notice_outbox where published_at is null order by id limit ?";

    /** By the primary key: the audience column is generated from the three columns the same way. */
    private static final String MARK_PUBLISHED = "update notice_outbox o set published_at = now()"
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as u(key, kind, municipality, family)"
            + " where o.key = u.key and o.audience = u.kind || coalesce(':' || u.municipality, '')"
            + " || coalesce(':' || u.family, '') and o.published_at is null";

    private final DataSource dataSource;

    public PostgresAlertStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The next value of the {@code alert.id} sequence: unique across instances and restarts. */
    @Override
    public long nextAlertId() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(NEXT_ID);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw Failures.unavailable("cannot take a new alert id", e);
        }
    }

    @Override
    public void record(List<AlertChange> changes) {
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            return;
        }
        int notices;
        try {
            notices = Transactions.inTransaction(dataSource, c -> {
                upsertAlerts(c, changes);
                insertHistory(c, changes);
                return insertNotices(c, changes);
            });
        } catch (SQLException e) {
            throw Failures.ofBulkWrite("cannot record " + changes.size() + " alert change(s)", e);
        }
        LOG.debug("recorded {} alert change(s) with {} notice(s)", changes.size(), notices);
    }

    private static void upsertAlerts(Connection c, List<AlertChange> changes) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            for (AlertChange change : changes) {
                AlertRecord after = change.after();
                Alert alert = after.alert();
                upsert.setLong(1, alert.id());
                upsert.setString(2, alert.municipality().value());
                upsert.setString(3, alert.subject());
                upsert.setString(4, alert.rule());
                upsert.setString(5, alert.severity().name());
                upsert.setString(6, alert.state().name());
                SqlTimes.set(upsert, 7, alert.openedAt());
                SqlTimes.set(upsert, 8, alert.changedAt());
                upsert.setInt(9, after.level());
                upsert.setInt(10, after.sequence());
                SqlTimes.set(upsert, 11, after.lastNoticeAt());
                TextMaps.set(upsert, 12, after.detail());
                upsert.addBatch();
            }
            int[] counts = upsert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new StoreRefusedException(
                            "alert " + changes.get(i).alertId() + ": transition #"
                                    + changes.get(i).after().sequence()
                                    + " refused: not newer than the stored one, or another subject or rule",
                            null);
                }
            }
        }
    }

    private static void insertHistory(Connection c, List<AlertChange> changes) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(HISTORY)) {
            for (AlertChange change : changes) {
                AlertRecord after = change.after();
                insert.setLong(1, after.id());
                insert.setInt(2, after.sequence());
                insert.setString(3, change.transition().name());
                insert.setString(4, after.alert().severity().name());
                insert.setString(5, after.alert().state().name());
                insert.setInt(6, after.level());
                SqlTimes.set(insert, 7, change.at());
                TextMaps.set(insert, 8, publicFacts(after.detail()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static int insertNotices(Connection c, List<AlertChange> changes) throws SQLException {
        int count = 0;
        try (PreparedStatement insert = c.prepareStatement(OUTBOX)) {
            for (AlertChange change : changes) {
                for (Notice notice : change.notices()) {
                    insert.setString(1, notice.key());
                    AudienceColumns.set(insert, 2, notice.audience());
                    insert.setLong(5, notice.alertId());
                    insert.setString(6, notice.transition().name());
                    insert.setString(7, notice.severity().name());
                    insert.setString(8, notice.rule());
                    SqlTimes.set(insert, 9, notice.at());
                    insert.setString(10, notice.titleJa());
                    insert.setString(11, notice.titleEn());
                    TextMaps.set(insert, 12, notice.facts());
                    insert.addBatch();
                    count++;
                }
            }
            if (count > 0) {
                insert.executeBatch();
            }
        }
        return count;
    }

    /** The detail without the engine's keys (those starting with {@code _}): what the notices said. */
    static Map<String, String> publicFacts(Map<String, String> detail) {
        return detail.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every alert that is not cleared, by id. */
    @Override
    public List<AlertRecord> activeAlerts() {
        return Queries.list(
                dataSource, "cannot read the active alerts", ACTIVE, Queries.Parameters.NONE, AlertRows::alert);
    }

    /**
     * The notices not yet handed to the dispatcher, oldest first (in the order they were recorded), at
     * most {@code limit}: for the relay after a commit and, after a crash, at start.
     */
    @Override
    public List<Notice> unpublished(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return Queries.list(
                dataSource,
                "cannot read the notice outbox",
                UNPUBLISHED,
                query -> query.setInt(1, limit),
                rows -> new Notice(
                        rows.getString("key"),
                        rows.getLong("alert_id"),
                        AlertTransition.valueOf(rows.getString("transition")),
                        Alert.Severity.valueOf(rows.getString("severity")),
                        rows.getString("rule"),
                        AudienceColumns.get(rows),
                        SqlTimes.get(rows, "at"),
                        rows.getString("title_ja"),
                        rows.getString("title_en"),
                        TextMaps.get(rows, "facts")));
    }

    /**
     * Marks notices as handed to the dispatcher (by key and audience), so the relay does not publish
     * them again. Marking a notice again, or one that is not in the outbox, changes nothing.
     *
     * @return how many notices were marked now
     */
    @Override
    public int markPublished(Collection<Notice> notices) {
        Objects.requireNonNull(notices, "notices");
        if (notices.isEmpty()) {
            return 0;
        }
        String[] keys = new String[notices.size()];
        String[] kinds = new String[notices.size()];
        String[] municipalities = new String[notices.size()];
        String[] families = new String[notices.size()];
        int i = 0;
        for (Notice notice : notices) {
            keys[i] = notice.key();
            kinds[i] = AudienceColumns.kind(notice.audience());
            municipalities[i] = AudienceColumns.municipality(notice.audience());
            families[i] = AudienceColumns.family(notice.audience());
            i++;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(MARK_PUBLISHED)) {
            update.setArray(1, c.createArrayOf("text", keys));
            update.setArray(2, c.createArrayOf("text", kinds));
            update.setArray(3, c.createArrayOf("text", municipalities));
            update.setArray(4, c.createArrayOf("text", families));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw Failures.unavailable("cannot mark " + notices.size() + " notice(s) as published", e);
        }
    }

    /** An {@link Audience} as the three outbox columns {@code audience_kind, _municipality, _family}. */
    static final class AudienceColumns {

        private AudienceColumns() {}

        static String kind(Audience audience) {
            if (audience instanceof Audience.Officers) {
                return "OFFICERS";
            }
            return audience instanceof Audience.Family ? "FAMILY" : "PUBLIC";
        }

        static String municipality(Audience audience) {
            MunicipalityCode code = null;
            if (audience instanceof Audience.Officers o) {
                code = o.municipality();
            } else if (audience instanceof Audience.Family f) {
                code = f.municipality();
            }
            return code == null ? null : code.value();
        }

        static String family(Audience audience) {
            return audience instanceof Audience.Family f ? f.family().value() : null;
        }

        /** Sets the parameters {@code index}, {@code index + 1} and {@code index + 2}. */
        static void set(PreparedStatement statement, int index, Audience audience) throws SQLException {
            statement.setString(index, kind(audience));
            statement.setString(index + 1, municipality(audience));
            statement.setString(index + 2, family(audience));
        }

        static Audience get(ResultSet rows) throws SQLException {
            String kind = rows.getString("audience_kind");
            String municipality = rows.getString("audience_municipality");
            return switch (kind) {
                case "OFFICERS" -> new Audience.Officers(MunicipalityCode.of(municipality));
                case "FAMILY" ->
                    new Audience.Family(
                            new Audience.FamilyId(rows.getString("audience_family")),
                            MunicipalityCode.of(municipality));
                default -> new Audience.Public();
            };
        }
    }
}
