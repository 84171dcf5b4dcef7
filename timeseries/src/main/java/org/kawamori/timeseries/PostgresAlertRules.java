package org.kawamori.timeseries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.TagId;
import org.kawamori.core.alert.AlertRuleStore;
import org.kawamori.core.alert.Audience;
import org.kawamori.core.alert.WatchRuleRow;
import org.kawamori.core.port.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link AlertRuleStore} on PostgreSQL: the settings in {@code alert_setting} (an update is one
 * transaction with its {@code audit_log} row, action {@value #ACTION_UPDATE}, naming the keys but no
 * values) and the families' watch rules in {@code watch_rule} (replaced per tag in one transaction).
 * Values are stored as given: the alert engine checks them.
 *
 * <p>Failures: {@link StoreUnavailableException} when the database cannot be reached; a watch rule of a
 * tag or family that is not registered is refused with {@link IllegalArgumentException}. Logs and
 * messages never name a tag, a family or a parameter.
 */
public final class PostgresAlertRules implements AlertRuleStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAlertRules.class);

    static final String ACTION_UPDATE = "alert-settings-update";

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private static final String SETTINGS = "select key, value from alert_setting";

    private static final String PUT = "insert into alert_setting (key, value, updated_at, updated_by)"
            + " values (?, ?, ?, ?) on conflict (key) do update set value = excluded.value,"
            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by";

    private static final String REMOVE = "delete from alert_setting where key = any(?)";

    private static final String WATCH_RULES = "select id, tag_id, family_id, municipality, kind, "
            + TextMaps.column("params") + " as params from watch_rule order by tag_id, id";

    private static final String TAG_WATCH_RULES = "select id, tag_id, family_id, municipality, kind, "
            + TextMaps.column("params") + " as params from watch_rule where tag_id = ? order by id";

    private static final String DELETE_WATCH_RULES = "delete from watch_rule where tag_id = ?";

    private static final String INSERT_WATCH_RULE = "insert into watch_rule"
            + " (tag_id, family_id, municipality, kind, params) values (?, ?, ?, ?, " + TextMaps.PARAMETER + ")";

    private final DataSource dataSource;

    public PostgresAlertRules(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Every stored setting, by key. */
    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        Queries.list(
                        dataSource,
                        "cannot read the alert settings",
                        SETTINGS,
                        Queries.Parameters.NONE,
                        rows -> Map.entry(rows.getString("key"), rows.getString("value")))
                .forEach(setting -> settings.put(setting.getKey(), setting.getValue()));
        return settings;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when a key is both set and removed
     */
    @Override
    public void updateSettings(Map<String, String> put, Set<String> remove, String by, Instant at) {
        Objects.requireNonNull(put, "put");
        Objects.requireNonNull(remove, "remove");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Set<String> both = new HashSet<>(put.keySet());
        both.retainAll(remove);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("a setting is both set and removed: " + new TreeSet<>(both));
        }
        if (put.isEmpty() && remove.isEmpty()) {
            return;
        }
        try {
            Transactions.inTransaction(dataSource, c -> {
                if (!put.isEmpty()) {
                    try (PreparedStatement upsert = c.prepareStatement(PUT)) {
                        for (Map.Entry<String, String> setting : put.entrySet()) {
                            upsert.setString(1, setting.getKey());
                            upsert.setString(2, setting.getValue());
                            SqlTimes.set(upsert, 3, at);
                            upsert.setString(4, by);
                            upsert.addBatch();
                        }
                        upsert.executeBatch();
                    }
                }
                if (!remove.isEmpty()) {
                    try (PreparedStatement delete = c.prepareStatement(REMOVE)) {
                        delete.setArray(1, c.createArrayOf("text", remove.toArray()));
                        delete.executeUpdate();
                    }
                }
                AuditLog.write(
                        c, new AuditLog.Entry(at, by, ACTION_UPDATE, null, null, null, changedKeys(put, remove)));
                return null;
            });
        } catch (SQLException e) {
            throw Failures.ofBulkWrite("cannot update the alert settings", e);
        }
        LOG.info(
                "{} set {} and removed {} alert setting(s) (audit log: {})",
                by,
                put.size(),
                remove.size(),
                ACTION_UPDATE);
    }

    /** What the audit row says: the keys, sorted, no values. */
    private static String changedKeys(Map<String, String> put, Set<String> remove) {
        StringBuilder detail = new StringBuilder();
        if (!put.isEmpty()) {
            detail.append("set ").append(String.join(", ", new TreeSet<>(put.keySet())));
        }
        if (!remove.isEmpty()) {
            detail.append(detail.isEmpty() ? "" : "; ")
                    .append("removed ")
                    .append(String.join(", ", new TreeSet<>(remove)));
        }
        return detail.toString();
    }

    /** Every watch rule, by tag and then in the order they were stored. */
    @Override
    public List<WatchRuleRow> watchRules() {
        try (Connection c = dataSource.getConnection()) {
            return Queries.list(c, WATCH_RULES, Queries.Parameters.NONE, PostgresAlertRules::watchRule);
        } catch (SQLException e) {
            throw DetectionStore.unavailable("cannot read the watch rules", e);
        }
    }

    /** One tag's watch rules through the {@code watch_rule_tag} index, in the order they were stored. */
    @Override
    public List<WatchRuleRow> watchRules(TagId tag) {
        Objects.requireNonNull(tag, "tag");
        try (Connection c = dataSource.getConnection()) {
            return Queries.list(
                    c, TAG_WATCH_RULES, query -> query.setString(1, tag.value()), PostgresAlertRules::watchRule);
        } catch (SQLException e) {
            throw DetectionStore.unavailable("cannot read a tag's watch rules", e);
        }
    }

    private static WatchRuleRow watchRule(java.sql.ResultSet rows) throws SQLException {
        return new WatchRuleRow(
                rows.getLong("id"),
                new TagId(rows.getString("tag_id")),
                new Audience.FamilyId(rows.getString("family_id")),
                MunicipalityCode.of(rows.getString("municipality")),
                rows.getString("kind"),
                TextMaps.get(rows, "params"));
    }

    /**
     * {@inheritDoc} The rows' ids are ignored: each stored rule gets a new one.
     *
     * @throws IllegalArgumentException when a rule is for another tag, or the tag or a family is not
     *     registered; then nothing changed
     */
    @Override
    public void replaceWatchRules(TagId tag, List<WatchRuleRow> rules) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(rules, "rules");
        if (rules.stream().anyMatch(rule -> !rule.tag().equals(tag))) {
            throw new IllegalArgumentException("a watch rule of another tag is among the rules");
        }
        try {
            Transactions.inTransaction(dataSource, c -> {
                try (PreparedStatement delete = c.prepareStatement(DELETE_WATCH_RULES)) {
                    delete.setString(1, tag.value());
                    delete.executeUpdate();
                }
                if (!rules.isEmpty()) {
                    try (PreparedStatement insert = c.prepareStatement(INSERT_WATCH_RULE)) {
                        for (WatchRuleRow rule : rules) {
                            insert.setString(1, tag.value());
                            insert.setString(2, rule.family().value());
                            insert.setString(3, rule.municipality().value());
                            insert.setString(4, rule.kind());
                            TextMaps.set(insert, 5, rule.params());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                throw new IllegalArgumentException(
                        "the tag, a family or a municipality of the watch rules is not registered",
                        Failures.ofBulkWrite("cannot store watch rules", e));
            }
            throw Failures.ofBulkWrite("cannot store " + rules.size() + " watch rule(s)", e);
        }
        LOG.info("a tag's watch rules were replaced by {} rule(s)", rules.size());
    }
}
