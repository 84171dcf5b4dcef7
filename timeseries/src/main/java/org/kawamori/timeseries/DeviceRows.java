package org.kawamori.timeseries;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.kawamori.core.DeviceId;
import org.kawamori.core.GeoPoint;
import org.kawamori.core.MunicipalityCode;
import org.kawamori.core.Sensor;
import org.kawamori.core.SensorKind;

/** The columns of a {@code device} row (table alias {@code d}) and the sensor they describe. */
final class DeviceRows {

    static final String COLUMNS = "d.id, d.municipality, d.kind, d.name, d.lat, d.lon, d.experimental, d.enabled";

    private DeviceRows() {}

    static Sensor sensor(ResultSet rows) throws SQLException {
        return new Sensor(
                DeviceId.of(rows.getString("id")),
                MunicipalityCode.of(rows.getString("municipality")),
                SensorKind.valueOf(rows.getString("kind")),
                rows.getString("name"),
                new GeoPoint(rows.getDouble("lat"), rows.getDouble("lon")),
                rows.getBoolean("experimental"),
                rows.getBoolean("enabled"));
    }
}
