package org.kawamori.timeseries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.kawamori.core.Detection;

/** Detections into {@code detection}, keyed by (tag, time, gateway). Unknown accuracy (NaN) is null. */
final class DetectionCopyTarget implements CopyTarget<Detection> {

    static final DetectionCopyTarget INSTANCE = new DetectionCopyTarget();

    private static final Comparator<Detection> KEY_ORDER = Comparator.comparing(
                    (Detection d) -> d.tag().value())
            .thenComparing(Detection::time)
            .thenComparing(d -> d.gateway().value());

    private DetectionCopyTarget() {}

    /** Holds a tag id: never printed. */
    private record Key(String tag, Instant time, String gateway) {
        @Override
        public String toString() {
            return "Key[redacted]";
        }
    }

    @Override
    public String table() {
        return "detection";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tag_id",
                "tag_municipality",
                "gateway_id",
                "gateway_municipality",
                "time",
                "lat",
                "lon",
                "accuracy_m",
                "rssi");
    }

    @Override
    public List<String> keyColumns() {
        return List.of("tag_id", "time", "gateway_id");
    }

    @Override
    public Comparator<Detection> keyOrder() {
        return KEY_ORDER;
    }

    @Override
    public void encode(Detection d, CopyRows out) {
        out.text(d.tag().value())
                .text(d.tagMunicipality().value())
                .text(d.gateway().value())
                .text(d.gatewayMunicipality().value())
                .time(d.time())
                .number(d.position().latitude())
                .number(d.position().longitude())
                .number(d.accuracyMetres())
                .integer(d.rssi())
                .endRow();
    }

    @Override
    public Object key(Detection d) {
        return new Key(
                d.tag().value(),
                d.time().truncatedTo(ChronoUnit.MICROS),
                d.gateway().value());
    }

    @Override
    public Object key(ResultSet returned) throws SQLException {
        return new Key(returned.getString("tag_id"), SqlTimes.get(returned, "time"), returned.getString("gateway_id"));
    }

    @Override
    public String noun() {
        return "detection(s)";
    }
}
