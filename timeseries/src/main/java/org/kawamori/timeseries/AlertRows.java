package org.kawamori.timeseries;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.kawamori.core.Alert;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.alert.AlertRecord;

/** The columns of an {@code alert} row (table alias {@code a}) and the {@link AlertRecord} they hold. */
final class AlertRows {

    static final String COLUMNS = "a.id, a.municipality, a.subject, a.rule, a.severity, a.state, a.opened_at,"
            + " a.changed_at, a.level, a.sequence, a.last_notice_at, " + TextMaps.column("a.detail") + " as detail";

    private AlertRows() {}

    static AlertRecord alert(ResultSet rows) throws SQLException {
        Alert alert = new Alert(
                rows.getLong("id"),
                MunicipalityCode.of(rows.getString("municipality")),
                rows.getString("subject"),
                rows.getString("rule"),
                Alert.Severity.valueOf(rows.getString("severity")),
                Alert.State.valueOf(rows.getString("state")),
                SqlTimes.get(rows, "opened_at"),
                SqlTimes.get(rows, "changed_at"));
        return new AlertRecord(
                alert,
                rows.getInt("level"),
                rows.getInt("sequence"),
                SqlTimes.get(rows, "last_notice_at"),
                TextMaps.get(rows, "detail"));
    }
}
