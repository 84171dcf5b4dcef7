package org.kawamori.deploy;

import java.util.List;
import org.kawamori.core.Reading;
import org.kawamori.core.Sensor;
import org.kawamori.core.port.ReadingListener;

/**
 * Breaks the start-up cycle routing → map (live feed) → health → ingest → routing: routing gets this
 * relay, and the map's feed is attached once the web server exists. Readings before that are not
 * relayed; nobody is watching yet.
 */
final class LiveFeedRelay implements ReadingListener {

    private volatile ReadingListener target = (sensor, readings) -> {};

    void attach(ReadingListener listener) {
        this.target = listener;
    }

    @Override
    public void onCommitted(Sensor sensor, List<Reading> readings) {
        target.onCommitted(sensor, readings);
    }
}
