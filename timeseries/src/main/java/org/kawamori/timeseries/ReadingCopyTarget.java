package org.kawamori.timeseries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.kawamori.core.Reading;

/** Readings into {@code reading}, keyed by (device, quantity, time). */
final class ReadingCopyTarget implements CopyTarget<Reading> {

    static final ReadingCopyTarget INSTANCE = new ReadingCopyTarget();

    private static final Comparator<Reading> KEY_ORDER = Comparator.comparing(
                    (Reading r) -> r.device().value())
            .thenComparing(r -> r.quantity().senmlName())
            .thenComparing(Reading::time);

    private ReadingCopyTarget() {}

    private record Key(String device, String quantity, Instant time) {}

    @Override
    public String table() {
        return "reading";
    }

    @Override
    public List<String> columns() {
        return List.of("device_id", "municipality", "time", "quantity", "value");
    }

    @Override
    public List<String> keyColumns() {
        return List.of("device_id", "quantity", "time");
    }

    @Override
    public Comparator<Reading> keyOrder() {
        return KEY_ORDER;
    }

    @Override
    public void encode(Reading r, CopyRows out) {
        out.text(r.device().value())
                .text(r.municipality().value())
                .time(r.time())
                .text(r.quantity().senmlName())
                .number(r.value())
                .endRow();
    }

    @Override
    public Object key(Reading r) {
        return new Key(r.device().value(), r.quantity().senmlName(), r.time().truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public Object key(ResultSet returned) throws SQLException {
        return new Key(returned.getString("device_id"), returned.getString("quantity"), SqlTimes.get(returned, "time"));
    }

    @Override
    public String noun() {
        return "reading(s)";
    }
}
